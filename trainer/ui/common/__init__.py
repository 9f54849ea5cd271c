"""What every screen of the window uses: long work off the GUI thread and its progress bar,
prompts, accessible names, the typing guard, actions made from tables, and shared widgets."""
