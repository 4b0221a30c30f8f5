# Sourced by deploy/backup and deploy/restore: DATABASE_URL and MEDIA_ROOT, from the
# environment or from SAMSKAB_ENV_FILE (the units' EnvironmentFile, KEY=value lines).

if [ -n "${SAMSKAB_ENV_FILE:-}" ]; then
  # Read as data, not run as shell: values may hold spaces and "<" (DEFAULT_FROM_EMAIL).
  while IFS= read -r line || [ -n "$line" ]; do
    case "$line" in ''|'#'*) continue ;; esac
    key=${line%%=*}
    value=${line#*=}
    value=${value#\"}; value=${value%\"}
    case "$key" in
      DATABASE_URL|MEDIA_ROOT|SAMSKAB_DATA_DIR) [ -n "${!key:-}" ] || export "$key=$value" ;;
    esac
  done < "$SAMSKAB_ENV_FILE"
fi

: "${DATABASE_URL:?Set DATABASE_URL (postgres://user:password@host:5432/name) or SAMSKAB_ENV_FILE}"
case "$DATABASE_URL" in
  postgres://*|postgresql://*) ;;
  *) echo "DATABASE_URL must start with postgres:// or postgresql:// (libpq's form)." >&2; exit 1 ;;
esac
MEDIA_ROOT=${MEDIA_ROOT:-${SAMSKAB_DATA_DIR:?Set MEDIA_ROOT or SAMSKAB_DATA_DIR}/media}
