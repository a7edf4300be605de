"""The notifications page, the preferences, and the unsubscribe link."""

import pytest
from django.urls import reverse

from herinneringen import dispatch
from herinneringen.models import Notification, Preference
from herinneringen.render import unsubscribe_token
from tests.factories import ReminderFactory, UserFactory
from tests.queries import assert_queries_do_not_grow

pytestmark = pytest.mark.django_db


def _notifications_for(person, count):
    for _ in range(count):
        ReminderFactory(recipient=person)
    dispatch.dispatch_due()


def test_unread_come_first_and_are_counted_in_the_header(client):
    person = UserFactory()
    _notifications_for(person, 3)
    first = Notification.objects.filter(recipient=person).order_by("created_at").first()
    client.force_login(person)
    client.post(reverse("herinneringen:notification_read", args=[first.pk]))
    page = client.get(reverse("herinneringen:notifications"))
    assert page.context["unread_notifications"] == 2
    listed = list(page.context["page"].object_list)
    assert [n.read_at is None for n in listed] == [True, True, False]
    client.post(reverse("herinneringen:read_all"))
    assert client.get(reverse("herinneringen:notifications")).context["unread_notifications"] == 0


def test_opening_a_notification_marks_it_read_and_goes_where_it_points(client):
    person = UserFactory()
    _notifications_for(person, 1)
    notification = Notification.objects.get()
    client.force_login(person)
    response = client.post(
        reverse("herinneringen:notification_read", args=[notification.pk]), {"open": "1"}
    )
    assert response.url == "/initiatieven/"
    notification.refresh_from_db()
    assert notification.read_at is not None


def test_nobody_reads_or_marks_another_persons_notification(client):
    owner = UserFactory()
    _notifications_for(owner, 1)
    notification = Notification.objects.get()
    client.force_login(UserFactory())
    response = client.post(reverse("herinneringen:notification_read", args=[notification.pk]))
    assert response.status_code == 404
    assert "Welkom" not in client.get(reverse("herinneringen:notifications")).content.decode()
    notification.refresh_from_db()
    assert notification.read_at is None


def test_preferences_are_saved_and_what_is_required_offers_no_off(client):
    person = UserFactory()
    client.force_login(person)
    page = client.get(reverse("herinneringen:preferences")).content.decode()
    assert 'name="report_overdue" value="off"' not in page
    assert 'name="advisor_offered" value="off"' in page
    response = client.post(
        reverse("herinneringen:preferences"),
        {"advisor_offered": "off", "report_overdue": "digest"},
    )
    assert response.status_code == 302
    assert dict(Preference.objects.filter(user=person).values_list("kind", "delivery")) == {
        "advisor_offered": "off",
        "report_overdue": "digest",
    }
    refused = client.post(reverse("herinneringen:preferences"), {"report_overdue": "off"})
    assert refused.status_code == 400


def test_the_unsubscribe_link_works_without_signing_in_and_a_tampered_one_is_refused(client):
    person = UserFactory()
    token = unsubscribe_token(person.pk, "advisor_offered")
    url = reverse("herinneringen:unsubscribe", args=[token])
    assert "Wil je" in client.get(url).content.decode()
    # RFC 8058: the mail program posts without a CSRF token.
    client.handler.enforce_csrf_checks = True
    assert client.post(url, {"List-Unsubscribe": "One-Click"}).status_code == 200
    assert Preference.objects.get(user=person).delivery == "off"
    tampered = reverse("herinneringen:unsubscribe", args=[token[:-2] + "xx"])
    assert client.post(tampered).status_code == 400
    foreign = reverse("herinneringen:unsubscribe", args=["eyJ1IjoxfQ:1abc:def"])
    assert client.get(foreign).status_code == 400


def test_the_notifications_page_takes_the_same_queries_at_n_and_2n(client):
    person = UserFactory()
    client.force_login(person)
    assert_queries_do_not_grow(
        client,
        reverse("herinneringen:notifications"),
        lambda n: _notifications_for(person, n),
    )


def test_opening_a_notification_never_leaves_the_site(client):
    person = UserFactory()
    _notifications_for(person, 1)
    notification = Notification.objects.get()
    Notification.objects.filter(pk=notification.pk).update(url="//evil.example/")
    client.force_login(person)
    response = client.post(
        reverse("herinneringen:notification_read", args=[notification.pk]), {"open": "1"}
    )
    assert response.url == reverse("herinneringen:notifications")
