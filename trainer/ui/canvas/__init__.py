"""The graph canvas: a scene that mirrors a tree's layout, its items, and the view around it."""
