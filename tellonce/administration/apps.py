from django.apps import AppConfig


class AdministrationConfig(AppConfig):
    name = "tellonce.administration"
    label = "administration"
    verbose_name = "The council administrator's pages: accounts, organisations and their log"
