"""Every form of the platform, sent empty and sent with nonsense, says what is wrong in
Dutch on a Dutch page: no message is the same as its English one (Django's own
messages included, which our catalogue words plainly, issue 14)."""

import importlib
import inspect

import pytest
from django import forms
from django.utils import translation

from tests.factories import GrantFactory, NeedFactory, UserFactory

APPS = [
    "accounts",
    "initiatieven",
    "ambtenaren",
    "subsidies",
    "dashboard",
    "herinneringen",
    "gesprekken",
]


def _form_classes():
    for app in APPS:
        module = importlib.import_module(f"{app}.forms")
        for name, cls in inspect.getmembers(module, inspect.isclass):
            if cls.__module__ == module.__name__ and issubclass(cls, forms.BaseForm):
                yield f"{app}.{name}", cls


def _extra_arguments(name):
    """What a form needs besides its data."""
    if name == "accounts.AccountDeleteForm":
        return {"user": UserFactory()}
    if name == "initiatieven.NeedStatusForm":
        return {"need": NeedFactory()}
    if name == "subsidies.ReportForm":
        return {"goals": list(GrantFactory().goals.all()), "asks_money_spent": True}
    if name == "herinneringen.PreferencesForm":
        return {"current": {}}
    return {}


NONSENSE = "x" * 6000
# A search box: nothing typed there can be wrong.
NOTHING_TO_GET_WRONG = {"accounts.UserSearchForm"}


def _messages(cls, data, extra, language):
    with translation.override(language):
        form = cls(data=data, files={}, **extra)
        form.is_valid()
        return {str(message) for errors in form.errors.values() for message in errors}


@pytest.mark.django_db
@pytest.mark.parametrize(("name", "cls"), list(_form_classes()), ids=lambda value: str(value))
def test_every_form_says_what_is_wrong_in_dutch(name, cls):
    extra = _extra_arguments(name)
    fields = cls(**extra).fields
    nonsense = {
        field: ["not-a-choice"]
        if isinstance(fields[field], forms.MultipleChoiceField)
        else NONSENSE
        for field in fields
    }
    english, dutch = set(), set()
    for data in ({}, nonsense):
        english |= _messages(cls, data, extra, "en")
        dutch |= _messages(cls, data, extra, "nl")
    if name in NOTHING_TO_GET_WRONG:
        assert dutch == set()
    else:
        assert dutch, f"{name} found nothing wrong: the test did not reach it"
    assert dutch & english == set()


def test_the_password_messages_are_dutch_and_plain():
    from django.contrib.auth.password_validation import validate_password
    from django.core.exceptions import ValidationError

    with translation.override("nl"), pytest.raises(ValidationError) as refused:
        validate_password("1234567")
    text = " ".join(refused.value.messages)
    assert "Dit wachtwoord is te kort. Gebruik minstens" in text
    assert "alleen cijfers" in text


@pytest.mark.django_db
@pytest.mark.parametrize(("name", "cls"), list(_form_classes()), ids=lambda value: str(value))
def test_no_select_starts_with_dashes(name, cls):
    with translation.override("nl"):
        html = str(cls(**_extra_arguments(name)))
    assert "---------" not in html
