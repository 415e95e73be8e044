"""Controls the explorers add to ipywidgets' own: a group of checkboxes for choosing several values.

A multi-select (``SelectMultiple``) hides most of its options behind a scroll and needs
Ctrl-click; a :class:`CheckboxGroup` shows every option with a box to tick, and behaves as a
value widget: ``value`` is the tuple of the ticked options' values, observable as ``"value"``.
"""

from __future__ import annotations

import ipywidgets as W
import traitlets

from ..render.markup import esc

__all__ = ["CheckboxGroup"]


class CheckboxGroup(W.VBox):
    """Every option with its own checkbox, under a label; ``value`` is the tuple of the ticked values.

    Parameters
    ----------
    options : list of (label, value) or of str
        The choices, in the order shown.
    value : sequence
        The values ticked at first (default none).
    description : str
        The label above the boxes.
    columns : int
        How many boxes to a row (default 2).
    width : str
        The group's CSS width (default ``"300px"``).

    Raises
    ------
    traitlets.TraitError
        ``value`` holds something that is not one of the options' values.
    """

    value = traitlets.Tuple()

    def __init__(self, options, value=(), description: str = "", columns: int = 2, width: str = "300px"):
        pairs = [(o, o) if isinstance(o, str) else tuple(o) for o in options]
        self.options = pairs
        self._values = [v for _, v in pairs]
        self.boxes = [
            W.Checkbox(value=False, description=str(label), indent=False, layout=W.Layout(width="auto", margin="0 8px 0 0"))
            for label, _ in pairs
        ]
        grid = W.GridBox(self.boxes, layout=W.Layout(grid_template_columns=f"repeat({columns}, auto)", grid_gap="0 6px"))
        head = W.HTML(f'<span style="font-size:13px">{esc(description)}</span>')
        super().__init__([head, grid], layout=W.Layout(width=width, margin="0 8px 4px 0"))
        self.add_class("dlx-checkbox-group")
        self._syncing = False
        for box in self.boxes:
            box.observe(self._from_boxes, names="value")
        self.value = tuple(value)

    @traitlets.validate("value")
    def _check(self, proposal):
        value = tuple(proposal["value"])
        unknown = [v for v in value if v not in self._values]
        if unknown:
            raise traitlets.TraitError(f"{unknown[0]!r} is not one of the choices ({', '.join(map(str, self._values))})")
        return tuple(v for v in self._values if v in value)  # in the options' order

    @traitlets.observe("value")
    def _to_boxes(self, change) -> None:
        self._syncing = True
        try:
            for box, v in zip(self.boxes, self._values):
                box.value = v in change["new"]
        finally:
            self._syncing = False

    def _from_boxes(self, change) -> None:
        if not self._syncing:
            self.value = tuple(v for box, v in zip(self.boxes, self._values) if box.value)
