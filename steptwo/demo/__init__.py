"""Synthetic demo data for development and demonstrations: `manage.py seed_demo`.

Nothing here describes a real person, practice or service. The app is installed only outside
production, and the command refuses to run if settings.IS_PRODUCTION is true.
"""
