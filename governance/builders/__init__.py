"""Dashboard snapshots: builders registered by each app, rebuilt by Celery, read by pages (docs/adr/0008)."""
