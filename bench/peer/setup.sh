#!/usr/bin/env bash
# Installs what the Python peer needs, from Debian packages (idempotent): the machine's
# python3 with pyodbc, unixODBC and the FreeTDS ODBC driver, registered as "FreeTDS".
set -euo pipefail
need=()
for p in python3 python3-pyodbc tdsodbc unixodbc; do
    dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q 'install ok installed' || need+=("$p")
done
if ((${#need[@]})); then
    [[ $(id -u) == 0 ]] || { echo "setup.sh: installing ${need[*]} needs root" >&2; exit 2; }
    echo "setup.sh: installing ${need[*]}" >&2
    export DEBIAN_FRONTEND=noninteractive
    apt-get install -y -q "${need[@]}" >/dev/null 2>&1 || { apt-get update -q >/dev/null && apt-get install -y -q "${need[@]}" >/dev/null; }
fi
if ! odbcinst -q -d -n FreeTDS >/dev/null 2>&1; then
    lib=$(dpkg -L tdsodbc | grep -m1 '/libtdsodbc\.so$')
    printf '[FreeTDS]\nDescription=FreeTDS ODBC driver\nDriver=%s\n' "$lib" > /tmp/freetds-odbcinst.ini
    odbcinst -i -d -f /tmp/freetds-odbcinst.ini >/dev/null
    rm -f /tmp/freetds-odbcinst.ini
    echo "setup.sh: registered the FreeTDS ODBC driver ($lib)" >&2
fi
/usr/bin/python3 -c 'import pyodbc' 2>/dev/null || { echo "setup.sh: /usr/bin/python3 cannot import pyodbc" >&2; exit 1; }
