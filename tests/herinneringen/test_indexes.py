"""The dispatcher's claim, the sweep and a person's notifications each read through an index
(sequential scans priced out: without the index the plan is a scan, and this fails)."""

import pytest
from django.utils import timezone

from herinneringen.models import Notification, Reminder
from tests.factories import ReminderFactory, UserFactory
from tests.plans import plan

pytestmark = pytest.mark.django_db


def test_the_claim_reads_the_due_index():
    ReminderFactory.create_batch(3)
    sql = (
        "SELECT id FROM herinneringen_reminder WHERE status = 'pending' AND due_at <= %s "
        "ORDER BY due_at, id LIMIT 500 FOR UPDATE SKIP LOCKED"
    )
    assert "reminder_due" in plan(sql, [timezone.now()])


def test_the_sweep_reads_the_claimed_index():
    claimed = Reminder.objects.filter(status="claimed", claimed_at__lt=timezone.now())
    assert "reminder_claimed" in plan(claimed)


def test_the_notifications_page_and_the_unread_count_read_the_recipient_index():
    person = UserFactory()
    page = Notification.objects.filter(recipient=person).order_by("-created_at")[:25]
    assert "notification_recipient" in plan(page)
    count = "SELECT COUNT(*) FROM herinneringen_notification WHERE recipient_id = %s AND read_at IS NULL"
    assert "notification_recipient" in plan(count, [person.pk])
