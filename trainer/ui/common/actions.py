"""Actions as data: each controller lists its menu entries as `ActionSpec` rows (id, text,
shortcut, menu id, handler, enabled-when), and one function makes them. Menus are kept by id in
a `Menus` registry, never found by their visible text, so renaming or translating a menu
breaks nothing."""

from __future__ import annotations

from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field

from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import QMenu, QMenuBar, QWidget

Shortcut = str | QKeySequence.StandardKey | None


@dataclass(frozen=True)
class ActionSpec:
    """One menu entry. `handler` gets the checked state for a `checkable` action. `enabled_when`
    is asked by `Actions.refresh` (after anything that may change it); None means always.
    `before` names an action id of the same menu to insert in front of; a separator goes before
    or after the entry when asked."""

    id: str
    text: str
    menu: str
    handler: Callable[..., object]
    shortcut: Shortcut | Sequence[Shortcut] = None
    checkable: bool = False
    checked: bool = False
    tip: str = ""
    enabled_when: Callable[[], bool] | None = None
    separator_before: bool = False
    separator_after: bool = False
    before: str = ""


@dataclass(frozen=True)
class MenuSpec:
    id: str
    text: str


class Menus:
    """The window's menus by id, in the order they were added to the menu bar."""

    def __init__(self, bar: QMenuBar, specs: Iterable[MenuSpec]) -> None:
        self.by_id: dict[str, QMenu] = {}
        for spec in specs:
            self._keep(spec, bar.addMenu(spec.text))

    def __getitem__(self, menu_id: str) -> QMenu:
        return self.by_id[menu_id]

    def add_submenu(self, parent_id: str, spec: MenuSpec) -> QMenu:
        """A menu inside another (View > Theme), kept by its own id like the top-level ones."""
        return self._keep(spec, self.by_id[parent_id].addMenu(spec.text))

    def _keep(self, spec: MenuSpec, menu: QMenu) -> QMenu:
        menu.setObjectName(f"{spec.id}Menu")
        self.by_id[spec.id] = menu
        return menu


@dataclass
class Actions:
    """The actions made from specs, by id, with their enabled-when rules."""

    by_id: dict[str, QAction] = field(default_factory=dict)
    rules: dict[str, Callable[[], bool]] = field(default_factory=dict)

    def __getitem__(self, action_id: str) -> QAction:
        return self.by_id[action_id]

    def add(self, specs: Iterable[ActionSpec], menus: Menus, owner: QWidget) -> list[QAction]:
        made = [self._make(spec, menus, owner) for spec in specs]
        self.refresh()
        return made

    def _make(self, spec: ActionSpec, menus: Menus, owner: QWidget) -> QAction:
        action = make_action(spec, owner)
        menu = menus[spec.menu]
        before = self.by_id.get(spec.before) if spec.before else None
        if before is not None:
            if spec.separator_before:
                menu.insertSeparator(before)
            menu.insertAction(before, action)
            if spec.separator_after:
                menu.insertSeparator(before)
        else:
            if spec.separator_before:
                menu.addSeparator()
            menu.addAction(action)
            if spec.separator_after:
                menu.addSeparator()
        self.by_id[spec.id] = action
        if spec.enabled_when is not None:
            self.rules[spec.id] = spec.enabled_when
        return action

    def refresh(self) -> None:
        """Ask every enabled-when rule again."""
        for action_id, rule in self.rules.items():
            self.by_id[action_id].setEnabled(bool(rule()))


def make_action(spec: ActionSpec, owner: QWidget) -> QAction:
    """The one place a QAction is made: text, shortcuts, tip, checkable state and handler."""
    action = QAction(spec.text, owner)
    action.setObjectName(spec.id)
    keys = key_sequences(spec.shortcut)
    if keys:
        action.setShortcuts(keys)
    if spec.tip:
        action.setToolTip(spec.tip)
        action.setStatusTip(spec.tip)
    if spec.checkable:
        action.setCheckable(True)
        action.setChecked(spec.checked)
        action.toggled.connect(spec.handler)
    else:
        action.triggered.connect(lambda _checked=False, handler=spec.handler: handler())
    return action


def key_sequences(shortcut: Shortcut | Sequence[Shortcut]) -> list[QKeySequence]:
    """One shortcut or several ("Ctrl++" and "Ctrl+="), as key sequences."""
    many: Sequence[Shortcut] = (
        [shortcut] if shortcut is None or isinstance(shortcut, (str, QKeySequence.StandardKey)) else shortcut
    )
    return [QKeySequence(s) for s in many if s is not None]
