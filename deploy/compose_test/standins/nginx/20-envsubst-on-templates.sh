#!/bin/sh
# As the nginx image's template step: every /etc/nginx/templates/**/*.template becomes
# /etc/nginx/conf.d/**/<name without .template>, with ${VAR} replaced for the variables
# set in the environment only (nginx's own $variables stay as they are).
set -e
template_dir="${NGINX_ENVSUBST_TEMPLATE_DIR:-/etc/nginx/templates}"
suffix="${NGINX_ENVSUBST_TEMPLATE_SUFFIX:-.template}"
output_dir="${NGINX_ENVSUBST_OUTPUT_DIR:-/etc/nginx/conf.d}"

[ -d "$template_dir" ] || exit 0
if [ ! -w "$output_dir" ]; then
    echo "$0: ERROR: $template_dir exists, but $output_dir is not writable"
    exit 0
fi
names=$(env | sed -n "s/^\([A-Za-z_][A-Za-z0-9_]*\)=.*/\${\1}/p" | tr '\n' ' ')
find "$template_dir" -follow -type f -name "*$suffix" | while read -r template; do
    relative="${template#"$template_dir"/}"
    output="$output_dir/${relative%"$suffix"}"
    mkdir -p "$(dirname "$output")"
    echo "$0: running envsubst on $template to $output"
    envsubst "$names" < "$template" > "$output"
done
