"""Pilot and snapshot tests of the app's screens, on a manual clock."""
