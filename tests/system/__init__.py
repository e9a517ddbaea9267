"""Real components: audio through ALSA, a terminal under tmux, the built wheel, a browser
against the server, the YAML language server and the completion shells."""
