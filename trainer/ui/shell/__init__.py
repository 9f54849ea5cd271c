"""The main window as a shell: its menus and action table, the library panel and its controller,
opening a tree, quizzes in the window, appearance, the history notice, file watching, the
crash handler and the application object."""
