"""Helpers for the utrecht-* form widget templates."""

from django import template

register = template.Library()

_CLASSES = {
    "checkbox": "utrecht-checkbox utrecht-checkbox--html-input utrecht-checkbox--custom",
    "radio": "utrecht-radio-button utrecht-radio-button--html-input",
    "select": "utrecht-select utrecht-select--html-select",
    "textarea": "utrecht-textarea utrecht-textarea--html-textarea",
    "file": "marktplein-file-input",
}
_INVALID = {
    "checkbox": "utrecht-checkbox--invalid",
    "select": "utrecht-select--invalid",
    "textarea": "utrecht-textarea--invalid",
    "file": "",
    "radio": "utrecht-radio-button--invalid",
}


@register.filter
def utrecht_class(widget: dict, kind: str = "") -> str:
    """The NL Design System classes for a widget, plus its own and an invalid mark."""
    kind = kind or widget.get("type", "text")
    classes = [_CLASSES.get(kind, "utrecht-textbox utrecht-textbox--html-input")]
    if widget["attrs"].get("aria-invalid"):
        classes.append(_INVALID.get(kind, "utrecht-textbox--invalid"))
    if widget["attrs"].get("class"):
        classes.append(widget["attrs"]["class"])
    return " ".join(c for c in classes if c)
