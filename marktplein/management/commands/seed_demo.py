from django.core.management.base import BaseCommand

from accounts.demo import DEMO_ACCOUNTS, DEMO_PASSWORD, DEMO_TOTP_SECRET, seed_accounts
from ambtenaren.demo import seed_advisor_profiles
from ambtenaren.services import initiatives_count_advisors
from basisgegevens.demo import seed_expertise_areas, seed_neighbourhoods, seed_themes
from dashboard.demo import seed_budget_lines
from gesprekken.demo import seed_conversations
from herinneringen.demo import quiet_history
from initiatieven.demo import seed_initiatives
from initiatieven.services import initiatives_note_open_expertise
from subsidies.demo import seed_subsidies


class Command(BaseCommand):
    help = "Fill the demo with neighbourhoods, themes, expertise areas and one account per role."

    def handle(self, *args, **options) -> None:
        neighbourhoods = seed_neighbourhoods()
        themes = seed_themes()
        areas = seed_expertise_areas()
        accounts = {user.email: user for user in seed_accounts()}
        initiatives = seed_initiatives(
            lead=accounts["inwoner@marktplein.example"],
            partner=accounts["partner@marktplein.example"],
            coordinator=accounts["loket@gemeente.example"],
        )
        conversations = seed_conversations(
            lead=accounts["inwoner@marktplein.example"],
            partner=accounts["partner@marktplein.example"],
            coordinator=accounts["loket@gemeente.example"],
        )
        profiles = seed_advisor_profiles()
        schemes = seed_subsidies()
        budget_lines = seed_budget_lines()
        # The demo writes needs and advisorships itself: note what matching reads.
        initiatives_note_open_expertise()
        initiatives_count_advisors()
        quiet_history()
        self.stdout.write(
            f"Added {neighbourhoods} neighbourhoods, {themes} themes, {areas} expertise areas, "
            f"{initiatives} initiatives, {conversations} conversations, {profiles} advisor profiles, {schemes} subsidy schemes, "
            f"{budget_lines} budget lines."
        )
        self.stdout.write("")
        self.stdout.write(f"Sign in at /accounts/login/ with password: {DEMO_PASSWORD}")
        for account in DEMO_ACCOUNTS:
            roles = ", ".join(account.roles) or "resident"
            self.stdout.write(f"  {account.email:32} {roles}")
        self.stdout.write("")
        self.stdout.write(
            "Municipal accounts ask for a code from an authenticator app. Add this secret "
            f"to the app (or run: oathtool --totp -b {DEMO_TOTP_SECRET}):"
        )
        self.stdout.write(f"  {DEMO_TOTP_SECRET}")
