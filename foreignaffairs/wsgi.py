import gc
import os

from django.core.wsgi import get_wsgi_application

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "foreignaffairs.settings")
application = get_wsgi_application()

# Everything loaded so far (Django, the apps, the URL and template machinery) lives as long as the process: move it
# out of the garbage collector's view, so a full collection during a request has far less to walk (without this,
# one request in thirty paid 60-100 ms for it at national scale). Also keeps memory shared across forked workers.
gc.freeze()
