"""Which Page a staff request works on: the one asked for (`?page=`), else the user's first;
a user sees and changes only their own Pages (none listed: every Page)."""

from __future__ import annotations

from typing import TYPE_CHECKING

from bot.errors import Forbidden, NotFound
from bot.staff.users import Admin

if TYPE_CHECKING:
    from bot.services import Services


def pages_of(services: Services, admin: Admin) -> list[Services]:
    """The Pages this user may work on, in the deployment's order."""
    return [view for view in services.every_page() if admin.may_see(view.page.id)]


def page_for(services: Services, admin: Admin, requested: str) -> Services:
    """The Page view for this request; Forbidden for another Page's, NotFound for no Page."""
    if not services.paged:
        return services  # one Page without PAGES_FILE: every user works on it
    if not requested:
        mine = pages_of(services, admin)
        if not mine:
            raise Forbidden
        return mine[0]
    view = services.for_page(requested)
    if view is None:
        raise NotFound("no such Page")
    if not admin.may_see(view.page.id):
        raise Forbidden
    return view


def cli_page(services: Services, page_id: str) -> Services:
    """The Page a CLI command works on (`--page`; none: the default Page); the CLI is an
    admin of every Page."""
    return page_for(services, Admin("cli", "admin"), page_id)
