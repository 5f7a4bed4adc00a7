from django.apps import AppConfig


class WaitingListsConfig(AppConfig):
    name = "tellonce.waiting_lists"
    label = "waiting_lists"
    verbose_name = "Health waiting lists"
