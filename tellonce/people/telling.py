"""Telling a child's family by e-mail: the addresses of those who see the record and have an
account (a parent with parental responsibility, the young person), sent once the change commits."""

from django.core.mail import send_mail
from django.db import transaction

from tellonce.core.time import uk_today


def family_addresses(child) -> list[str]:
    family = child.parents_who_see_record(uk_today()).exclude(email="")
    addresses = [member.email for member in family if member.account_id]
    if child.account_id and child.account.email:
        addresses.append(child.account.email)
    return addresses


def tell(addresses: list[str], subject: str, body: str) -> None:
    """Send once the transaction commits, so a change that is rolled back tells no one."""
    if addresses:
        transaction.on_commit(lambda: send_mail(subject, body, None, addresses, using="default"))


def tell_family(child, subject: str, body: str) -> None:
    tell(family_addresses(child), subject, body)
