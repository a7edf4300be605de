"""The one registry of audit actions: every code an app writes, with a readable label.

Each app lists its actions in `<app>/audit_actions.py` and registers them in its
AppConfig.ready(); `audit_record` refuses a code nobody registered, so the log
never holds a word its pages cannot explain.
"""

from django.utils.functional import Promise

_labels: dict[str, Promise | str] = {}


def register(actions: dict[str, Promise | str]) -> None:
    _labels.update(actions)


def is_registered(action: str) -> bool:
    return action in _labels


def label_for(action: str) -> str:
    return str(_labels.get(action, action))


def registered() -> dict[str, Promise | str]:
    return dict(_labels)
