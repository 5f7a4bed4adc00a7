from django.apps import AppConfig


class OrganisationsConfig(AppConfig):
    name = "tellonce.organisations"
    label = "organisations"
    verbose_name = "Organisations"
