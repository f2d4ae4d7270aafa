"""slack_sdk Block Kit objects turned into the dicts Slack receives, in one pass.

``JsonObject.to_dict()`` does the same, but at a price that showed in every profile of a scorecard submission
(docs/benchmarks.md): for each object it rebuilds its ``attributes`` set and sorts it, gathers and sorts its
validator names, then serialises every nested object twice (``to_dict_compatible`` walks the dict a child's
``to_dict`` already returned). A saved-scorecard view took 185 µs that way and takes about 50 µs here.

What is kept: every ``@JsonValidator`` of the class still runs, so a broken limit raises
``SlackObjectFormationError`` exactly as ``to_dict()`` would; the output is equal to ``to_dict()``'s (keys in the
same sorted order, empty lists dropped except where slack_sdk allows them). A class that overrides ``to_dict``,
``get_non_null_attributes``, ``get_object_attribute`` or ``validate_json`` (options, confirms, dispatch configs,
metadata) is rendered by its own ``to_dict``. ``tests/blocks/validity.py`` compares the two for every card and
view the tests build.
"""

from __future__ import annotations

from typing import Any, Final

from slack_sdk.models.basic_objects import EMPTY_ALLOWED_TYPE_AND_PROPERTY_LIST, JsonObject, _class_validator_names
from slack_sdk.models.views import View

_EMPTY_ALLOWED: Final = frozenset((item["type"], item["property"]) for item in EMPTY_ALLOWED_TYPE_AND_PROPERTY_LIST)
_GENERIC_METHODS: Final = ("to_dict", "get_non_null_attributes", "get_object_attribute", "validate_json")

# Per class: (its attribute names sorted, its validator method names), or None when the class renders itself.
_Plan = tuple[tuple[str, ...], tuple[str, ...]] | None
_plans: dict[type, _Plan] = {}


def _plan_for(value: JsonObject) -> _Plan:
    cls = type(value)
    try:
        return _plans[cls]
    except KeyError:
        pass
    generic = all(getattr(cls, name) is getattr(JsonObject, name) for name in _GENERIC_METHODS)
    # ``attributes`` is a property computed from the class alone in slack_sdk (super().attributes plus names).
    plan = (tuple(sorted(value.attributes)), tuple(sorted(_class_validator_names(cls)))) if generic else None
    _plans[cls] = plan
    return plan


def rendered(value: Any) -> Any:
    """``value`` as JSON-ready data: Block Kit objects as ``to_dict()`` renders them, lists element by element,
    anything else (str, bool, int, dict) as it is."""
    if isinstance(value, JsonObject):
        plan = _plan_for(value)
        if plan is None:
            return {key: rendered(item) for key, item in value.to_dict().items()}
        names, validators = plan
        for validator in validators:
            getattr(value, validator)()
        kind = getattr(value, "type", None)
        out: dict[str, Any] = {}
        for key in names:
            item = getattr(value, key, None)
            if item is None:
                continue
            if hasattr(item, "__len__") and len(item) == 0 and (kind, key) not in _EMPTY_ALLOWED:
                continue
            out[key] = rendered(item)
        return out
    if isinstance(value, list | tuple):
        return [rendered(item) for item in value]
    return value


def view_dict(view: View) -> dict[str, Any]:
    """A modal or Home view as ``views.*`` and ``response_action: update`` take it."""
    result: dict[str, Any] = rendered(view)
    return result
