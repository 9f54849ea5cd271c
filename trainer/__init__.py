"""Decision Tree Trainer: learn, present and author decision trees."""

__version__ = "0.1.0"
