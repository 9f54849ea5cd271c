"""Drawing decided without Qt: the layered layout (layout/), the spatial index, word wrapping, the
outline's rows, hand-placed pins and themes as data."""
