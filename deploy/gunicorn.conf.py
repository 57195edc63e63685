"""gunicorn settings for freethem's web service (deploy/freethem-web.service).

Read by `gunicorn --config deploy/gunicorn.conf.py freethem.wsgi`. gunicorn's own precedence
applies: command-line options, then GUNICORN_CMD_ARGS, then this file.
"""

import os

# nginx on the same machine is the only client; it terminates TLS (deploy/nginx/freethem.conf).
bind = ["127.0.0.1:8000"]
# Processes, each serving one request at a time; about 2 per core is a good start.
workers = int(os.environ.get("WEB_CONCURRENCY", "3"))
# A request running longer than this is killed and its worker replaced (nginx gives up at 60 s).
timeout = 30
# On SIGTERM or a reload (SIGHUP), old workers get this long to finish their requests.
graceful_timeout = 30
keepalive = 5
# The application is imported in each worker, not in the master: on SIGHUP (`systemctl reload
# freethem-web`, `make upgrade`) new workers start with the new code while the old ones finish
# what they are doing, so no request is dropped. With preload_app the master would keep the
# old code.
preload_app = False
# Logs go to the journal through standard error; no access log (it would hold signers' IPs).
accesslog = None
errorlog = "-"
loglevel = os.environ.get("FREETHEM_LOG_LEVEL", "info").lower()
proc_name = "freethem-web"
# The proxies whose X-Forwarded-* gunicorn believes: the same as the site's own setting.
forwarded_allow_ips = os.environ.get("FREETHEM_TRUSTED_PROXIES") or "127.0.0.1"
