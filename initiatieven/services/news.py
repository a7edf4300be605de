"""Every write about news (updates with photos) and support."""

import html
import re

from django.conf import settings
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError, transaction
from django.utils.html import strip_tags
from django.utils.translation import gettext as _

from accounts.models import User
from herinneringen.services import reminder_schedule

from .. import permissions
from ..content import clean_photo, sanitise_html
from ..models import (
    Initiative,
    Photo,
    Support,
    Update,
)


def update_post(*, initiative: Initiative, author: User, body: str, photos=()) -> Update:
    """Post news with up to a few photos. Every photo is checked before anything is saved."""
    photos = list(photos)
    if len(photos) > settings.MARKTPLEIN_MAX_PHOTOS_PER_UPDATE:
        raise ValidationError(
            _("You can add at most %(count)s photos.")
            % {"count": settings.MARKTPLEIN_MAX_PHOTOS_PER_UPDATE}
        )
    clean_body = sanitise_html(body)
    if not clean_body:
        raise ValidationError(_("Write something for your update."))
    cleaned = []
    for upload, description in photos:
        if not description.strip():
            raise ValidationError(
                _("Describe each photo in a few words, for people who cannot see it.")
            )
        # A photo the form already cleaned is not decoded a second time.
        cleaned.append((clean_photo(upload), description.strip()))
    with transaction.atomic():
        update = Update.objects.create(
            initiative=initiative, author=author, body=clean_body, language=author.language
        )
        for photo_content, description in cleaned:
            photo = Photo(update=update, description=description)
            photo.image.save(photo_content.content.name, photo_content.content, save=True)
        if initiative.is_public:
            _tell_supporters(initiative, update)
    return update


def _tell_supporters(initiative: Initiative, update: Update) -> None:
    """The people who support it hear the news (at once, in their daily summary, or not
    at all, as each chose); its own members wrote it or see it."""
    supporters = (
        User.objects.filter(supports__initiative=initiative, is_active=True)
        .exclude(memberships__initiative=initiative)
        .distinct()
    )
    reminder_schedule(
        kind="initiative_news",
        recipients=supporters,
        key=f"initiative_news:{update.pk}",
        params={"initiative": initiative.title},
        url=initiative.get_absolute_url(),
    )


@transaction.atomic
def text_for_editing(body: str) -> str:
    """News as it was typed, near enough: paragraphs and lines back, tags out."""
    text = re.sub(r"</p>\s*<p>", "\n\n", body)
    text = re.sub(r"<br\s*/?>", "\n", text)
    return html.unescape(strip_tags(text)).strip()


@transaction.atomic
def update_change(*, update: Update, actor: User, body: str) -> Update:
    """A member changes the text of news (a moderator may have asked them to)."""
    update = Update.objects.select_for_update().select_related("initiative").get(pk=update.pk)
    if not permissions.can_edit(actor, update.initiative):
        raise PermissionDenied
    clean_body = sanitise_html(body)
    if not clean_body:
        raise ValidationError(_("Write something for your update."))
    update.body = clean_body
    update.save(update_fields=["body"])
    return update


@transaction.atomic
def update_delete(*, update: Update, actor: User) -> None:
    """A member removes news, with its photos."""
    update = Update.objects.select_for_update().select_related("initiative").get(pk=update.pk)
    if not permissions.can_edit(actor, update.initiative):
        raise PermissionDenied
    files = [photo.image for photo in update.photos.all()]
    update.delete()
    transaction.on_commit(lambda: [image.delete(save=False) for image in files])


def support_add(*, initiative: Initiative, user: User) -> Support:
    if not initiative.is_public:
        raise ValidationError(_("You can only support a public initiative."))
    if permissions.is_member(user, initiative):
        raise ValidationError(
            _("You are part of this initiative. Support comes from people outside the group.")
        )
    try:
        with transaction.atomic():
            return Support.objects.create(initiative=initiative, user=user)
    except IntegrityError as error:
        raise ValidationError(_("You already support this initiative.")) from error


@transaction.atomic
def support_withdraw(*, initiative: Initiative, user: User) -> None:
    deleted, _rows = Support.objects.filter(initiative=initiative, user=user).delete()
    if not deleted:
        raise ValidationError(_("You do not support this initiative."))
