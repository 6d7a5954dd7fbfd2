#!/bin/sh
# Run inside the freshly bootstrapped Debian bookworm tree (chroot) before `docker import`:
# the settings Debian's official container images carry, and the host's extra CA
# certificates, so that package installs work behind a TLS-inspecting proxy.
set -eu

cat > /etc/apt/sources.list.d/debian.sources <<'SOURCES'
Types: deb
URIs: http://deb.debian.org/debian
Suites: bookworm bookworm-updates
Components: main
Signed-By: /usr/share/keyrings/debian-archive-keyring.gpg

Types: deb
URIs: http://deb.debian.org/debian-security
Suites: bookworm-security
Components: main
Signed-By: /usr/share/keyrings/debian-archive-keyring.gpg
SOURCES
rm -f /etc/apt/sources.list

# No services start during package installs in a build.
printf '#!/bin/sh\nexit 101\n' > /usr/sbin/policy-rc.d
chmod 0755 /usr/sbin/policy-rc.d

# Small like the -slim images: no documentation, manual pages or translations.
cat > /etc/dpkg/dpkg.cfg.d/docker-slim <<'DPKG'
path-exclude /usr/share/doc/*
path-include /usr/share/doc/*/copyright
path-exclude /usr/share/man/*
path-exclude /usr/share/info/*
path-exclude /usr/share/locale/*
path-exclude /usr/share/lintian/*
DPKG
cat > /etc/apt/apt.conf.d/docker-clean <<'APT'
DPkg::Post-Invoke { "rm -f /var/cache/apt/archives/*.deb /var/cache/apt/archives/partial/*.deb /var/cache/apt/*.bin || true"; };
APT::Update::Post-Invoke { "rm -f /var/cache/apt/archives/*.deb /var/cache/apt/archives/partial/*.deb /var/cache/apt/*.bin || true"; };
Dir::Cache::pkgcache "";
Dir::Cache::srcpkgcache "";
Acquire::Languages "none";
Acquire::GzipIndexes "true";
APT::AutoRemove::SuggestsImportant "false";
APT

# ca-certificates regenerates its bundle when installed; the extra certificates copied
# into /usr/local/share/ca-certificates/ are part of every later regeneration too.
update-ca-certificates --fresh > /dev/null

apt-get clean
rm -rf /var/lib/apt/lists/* /var/cache/apt/*.bin /var/log/*.log /var/log/apt/* \
    /usr/share/doc/* /usr/share/man/* /usr/share/info/* /usr/share/locale/*
