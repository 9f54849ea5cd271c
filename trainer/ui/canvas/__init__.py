"""The graph canvas: a scene that mirrors a tree's layout (scene), its items (items), the drawing
made before them, off the GUI thread for a large tree (drawing, overview), the view around it
(view) and the panel with its tool bar and find bar (graph_panel); colours in style."""
