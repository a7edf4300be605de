"""The dispatcher's claim, the sweep and a person's notifications each read through an index
(sequential scans priced out: without the index the plan is a scan, and this fails)."""

import pytest
from django.db import connection, transaction
from django.utils import timezone

from herinneringen.models import Notification, Reminder
from tests.factories import ReminderFactory, UserFactory

pytestmark = pytest.mark.django_db


def _plan(sql: str, params) -> str:
    with transaction.atomic(), connection.cursor() as cursor:
        cursor.execute("SET LOCAL enable_seqscan = off")
        cursor.execute("EXPLAIN " + sql, params)
        return "\n".join(row[0] for row in cursor.fetchall())


def _queryset_plan(queryset) -> str:
    return _plan(*queryset.query.sql_with_params())


def test_the_claim_reads_the_due_index():
    ReminderFactory.create_batch(3)
    sql = (
        "SELECT id FROM herinneringen_reminder WHERE status = 'pending' AND due_at <= %s "
        "ORDER BY due_at, id LIMIT 500 FOR UPDATE SKIP LOCKED"
    )
    assert "reminder_due" in _plan(sql, [timezone.now()])


def test_the_sweep_reads_the_claimed_index():
    claimed = Reminder.objects.filter(status="claimed", claimed_at__lt=timezone.now())
    assert "reminder_claimed" in _queryset_plan(claimed)


def test_the_notifications_page_and_the_unread_count_read_the_recipient_index():
    person = UserFactory()
    page = Notification.objects.filter(recipient=person).order_by("-created_at")[:25]
    assert "notification_recipient" in _queryset_plan(page)
    count = "SELECT COUNT(*) FROM herinneringen_notification WHERE recipient_id = %s AND read_at IS NULL"
    assert "notification_recipient" in _plan(count, [person.pk])
