"""The tree itself, without Qt: problems, the model, safe YAML reading, the loader, validation, the
tree's graph and its queries (graph, on networkx), scenario routes, wording, the library and
its groups, and the cache of checked trees."""
