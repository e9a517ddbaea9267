"""The full-screen app: routine picker, guided player, finish screen and dialogs."""
