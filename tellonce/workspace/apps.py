from django.apps import AppConfig


class WorkspaceConfig(AppConfig):
    name = "tellonce.workspace"
    label = "workspace"
    verbose_name = "Pages that join several apps"
