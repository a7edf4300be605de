"""What accounts needs to know about a person's part in subsidies (accounts.links)."""

from accounts.links import AccountLinks

from .models import Application, Grant, Report, ReportReview


class SubsidyAccountLinks(AccountLinks):
    def keeps_records(self, user) -> bool:
        """Applications, decisions, reports and reviews are municipal records: the account
        stays as an empty shell so they keep pointing at someone."""
        return (
            Application.objects.filter(created_by=user).exists()
            or Application.objects.filter(decided_by=user).exists()
            or Grant.objects.filter(granted_by=user).exists()
            or Report.objects.filter(submitted_by=user).exists()
            or ReportReview.objects.filter(reviewed_by=user).exists()
            or ReportReview.objects.filter(answered_by=user).exists()
        )

    def personal_data(self, user) -> dict:
        applications = Application.objects.filter(created_by=user).select_related(
            "initiative", "scheme"
        )
        reports = Report.objects.filter(submitted_by=user).select_related("grant__initiative")
        answers = ReportReview.objects.filter(answered_by=user)
        if not (applications or reports or answers):
            return {}
        return {
            "applications_written": [
                {
                    "initiative": a.initiative.title,
                    "scheme": str(a.scheme),
                    "amount": str(a.amount),
                    "status": a.status,
                }
                for a in applications
            ],
            "reports_submitted": [
                {"initiative": r.grant.initiative.title, "kind": r.kind, "status": r.status}
                for r in reports
            ],
            "review_answers": [
                {"answer": r.answer, "at": r.answered_at.isoformat() if r.answered_at else None}
                for r in answers
            ],
        }
