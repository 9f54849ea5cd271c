"""The Qt user interface: the only package that imports PySide6. It renders what the domain
modules say and forwards what the user does."""
