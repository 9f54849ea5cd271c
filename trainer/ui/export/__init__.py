"""File > Export and the drawings it writes: SVG, PDF and PNG drawn by Qt (render), the export
action with its prompts (action), and large drawings exported in a child process (child)."""
