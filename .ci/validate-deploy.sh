#!/usr/bin/env bash
# Offline validation of the deployment files: docker-compose.yml, docker/, k8s/ and the Grafana
# provisioning. Nothing is started and no cluster is contacted.
#
# Checks: yamllint over every YAML file (.yamllint); the compose file parses and everything it
# references exists; every kustomize overlay builds; the rendered manifests pass the Kubernetes
# schemas (npm kubernetes-models) and a FlinkDeployment check against the operator's CRD; every
# ConfigMap/Secret/volume reference resolves; image versions agree with pom.xml; every Grafana
# provisioning file reaches the k8s ConfigMaps.
#
# Installs what is missing: yamllint, docker-compose, python3-yaml, nodejs and npm from Debian;
# kubernetes-models from npm into ~/.cache/telemetry-validate-deploy. kubectl (≥ 1.21, for its
# built-in kustomize) must already be installed, or installable with apt-get as `kubectl`:
# Debian only packages a kubectl too old for these kustomizations.
#
# Usage: .ci/validate-deploy.sh   (non-interactive, idempotent; exit status 1 if any check fails)
set -euo pipefail
cd "$(dirname "$0")/.."

readonly KUBERNETES_MODELS_VERSION=4.5.1
readonly CACHE_DIR="${XDG_CACHE_HOME:-$HOME/.cache}/telemetry-validate-deploy"
readonly OVERLAYS_DIR=k8s/overlays
WORK_DIR=$(mktemp -d)
trap 'rm -rf "$WORK_DIR"' EXIT

# ---------------------------------------------------------------------------------------------
# Tools
# ---------------------------------------------------------------------------------------------

apt_updated=false
apt_install() {
  local sudo=()
  if [[ $(id -u) -ne 0 ]]; then
    command -v sudo >/dev/null || { echo "need root (or sudo) to install: $*" >&2; return 1; }
    sudo=(sudo -n)
  fi
  echo "Installing from Debian: $*"
  if [[ $apt_updated == false ]]; then
    "${sudo[@]}" apt-get update -qq
    apt_updated=true
  fi
  DEBIAN_FRONTEND=noninteractive "${sudo[@]}" apt-get install -y -qq --no-install-recommends "$@" >/dev/null
}

# kustomize v4+ (kubectl ≥ 1.21) understands components, labels and replacements.
kustomize_is_recent() {
  local version
  version=$(kubectl version --client -o json 2>/dev/null |
    sed -n 's/.*"kustomizeVersion": *"v\([0-9]*\)\..*/\1/p')
  [[ -n "$version" && "$version" -ge 4 ]]
}

COMPOSE=()
PYTHON=""
ensure_tools() {
  local missing=()
  command -v yamllint >/dev/null || missing+=(yamllint)
  if docker compose version >/dev/null 2>&1; then
    COMPOSE=(docker compose)
  elif command -v docker-compose >/dev/null; then
    COMPOSE=(docker-compose)
  else
    missing+=(docker-compose)
  fi
  for candidate in python3 /usr/bin/python3; do
    if command -v "$candidate" >/dev/null && "$candidate" -c 'import yaml' 2>/dev/null; then
      PYTHON=$candidate
      break
    fi
  done
  [[ -n "$PYTHON" ]] || missing+=(python3 python3-yaml)
  { command -v node >/dev/null && command -v npm >/dev/null; } || missing+=(nodejs npm)
  if ! command -v kubectl >/dev/null && apt-cache policy kubectl 2>/dev/null | grep -q 'Candidate: [0-9]'; then
    missing+=(kubectl)
  fi

  if [[ ${#missing[@]} -gt 0 ]]; then
    apt_install "${missing[@]}"
  fi
  if [[ ${#COMPOSE[@]} -eq 0 ]]; then
    COMPOSE=(docker-compose)
  fi
  [[ -n "$PYTHON" ]] || PYTHON=/usr/bin/python3

  if ! command -v kubectl >/dev/null || ! kustomize_is_recent; then
    echo "kubectl >= 1.21 (kustomize v4+) is required and could not be installed: Debian's" >&2
    echo "kubernetes-client is too old. Install kubectl from the Kubernetes or Google Cloud apt" >&2
    echo "repository, then run this script again." >&2
    return 1
  fi
}

# kubernetes-models: the Kubernetes OpenAPI schemas as ready-made validators, cached between runs.
ensure_kubernetes_models() {
  local installed
  installed=$(node -p "require('$CACHE_DIR/node_modules/kubernetes-models/package.json').version" 2>/dev/null || true)
  if [[ "$installed" != "$KUBERNETES_MODELS_VERSION" ]]; then
    echo "Installing kubernetes-models@$KUBERNETES_MODELS_VERSION from npm into $CACHE_DIR"
    mkdir -p "$CACHE_DIR"
    npm install --prefix "$CACHE_DIR" --no-save --no-audit --no-fund --no-package-lock --silent \
      "kubernetes-models@$KUBERNETES_MODELS_VERSION" >/dev/null
  fi
}

# ---------------------------------------------------------------------------------------------
# Checks (each returns non-zero on failure)
# ---------------------------------------------------------------------------------------------

check_yamllint() {
  yamllint -f parsable .
}

check_compose() {
  "${COMPOSE[@]}" -f docker-compose.yml config >"$WORK_DIR/compose.yaml" || return 1
  "$PYTHON" - "$WORK_DIR/compose.yaml" <<'PY'
"""Everything the normalized compose configuration references must exist in the checkout."""
import os
import re
import sys

import yaml

config = yaml.safe_load(open(sys.argv[1]))
errors = []


def bind_sources(volumes):
    for volume in volumes or []:
        if isinstance(volume, dict):  # compose v2: long syntax
            if volume.get("type") == "bind":
                yield volume["source"]
        elif volume.startswith("/") or volume.startswith("."):  # compose v1: "src:dst[:mode]"
            yield volume.split(":", 1)[0]


def copy_sources(dockerfile):
    """Sources of COPY/ADD instructions that read from the build context."""
    for line in open(dockerfile):
        words = line.split()
        if words and words[0].upper() in ("COPY", "ADD") and not any(
            w.startswith("--from") for w in words
        ):
            args = [w for w in words[1:] if not w.startswith("--")]
            yield from args[:-1]


for name, service in sorted(config.get("services", {}).items()):
    image = service.get("image", "")
    if not image or ":" not in image.rsplit("/", 1)[-1] or image.endswith(":latest"):
        errors.append(f"{name}: image '{image}' is not pinned to a tag")
    build = service.get("build")
    if build:
        context = build["context"] if isinstance(build, dict) else build
        dockerfile = os.path.join(context, build.get("dockerfile", "Dockerfile"))
        if not os.path.isdir(context):
            errors.append(f"{name}: build context {context} does not exist")
        elif not os.path.isfile(dockerfile):
            errors.append(f"{name}: Dockerfile {dockerfile} does not exist")
        else:
            ignore_file = dockerfile + ".dockerignore"
            kept = set()
            if os.path.isfile(ignore_file):
                kept = {l.strip()[1:] for l in open(ignore_file) if l.strip().startswith("!")}
            for source in copy_sources(dockerfile):
                if os.path.isfile(ignore_file) and source not in kept:
                    errors.append(f"{name}: {ignore_file} does not let {source} into the context")
                built = re.match(r"([^/]+)/target/", source)
                if built:  # a build output: its Maven module must exist
                    module_pom = os.path.join(context, built.group(1), "pom.xml")
                    if not os.path.isfile(module_pom):
                        errors.append(f"{name}: {source} comes from a missing module ({module_pom})")
                elif not os.path.exists(os.path.join(context, source)):
                    errors.append(f"{name}: COPY source {source} does not exist")
    for source in bind_sources(service.get("volumes")):
        if not os.path.exists(source):
            errors.append(f"{name}: mounted path {source} does not exist")
    for env_file in service.get("env_file") or []:
        path = env_file if isinstance(env_file, str) else env_file["path"]
        if not os.path.isfile(path):
            errors.append(f"{name}: env_file {path} does not exist")

for error in errors:
    print(f"    {error}")
sys.exit(1 if errors else 0)
PY
}

overlays_built=false
check_kustomize_builds() {
  local overlay status=0
  for overlay in "$OVERLAYS_DIR"/*/; do
    overlay=${overlay%/}
    if kubectl kustomize --load-restrictor LoadRestrictionsNone "$overlay" \
      >"$WORK_DIR/$(basename "$overlay").yaml" 2>"$WORK_DIR/kustomize.err"; then
      echo "    built $overlay"
    else
      echo "    $overlay does not build: $(cat "$WORK_DIR/kustomize.err")"
      status=1
    fi
  done
  [[ $status -eq 0 ]] && overlays_built=true
  return $status
}

# The checks of rendered manifests need every overlay rendered.
require_overlays() {
  [[ $overlays_built == true ]] || { echo "    not run: an overlay does not build"; return 1; }
}

check_manifests() {
  require_overlays || return 1
  "$PYTHON" - "$WORK_DIR" "$OVERLAYS_DIR" <<'PY'
"""Cross-checks of the rendered overlays that a schema cannot express."""
import glob
import os
import re
import sys

import yaml

work_dir, overlays_dir = sys.argv[1], sys.argv[2]
errors = []

# FlinkDeployment (flink.apache.org/v1beta1) as of Flink Kubernetes Operator 1.13, the first
# release whose CRD accepts flinkVersion v2_2.
SPEC_FIELDS = {
    "flinkConfiguration", "flinkVersion", "image", "imagePullPolicy", "ingress", "job",
    "jobManager", "logConfiguration", "mode", "podTemplate", "restartNonce", "serviceAccount",
    "taskManager",
}
JOB_FIELDS = {
    "allowNonRestoredState", "args", "autoscalerResetNonce", "checkpointTriggerNonce",
    "entryClass", "initialSavepointPath", "jarURI", "parallelism", "savepointRedeployNonce",
    "savepointTriggerNonce", "state", "upgradeMode",
}
COMPONENT_FIELDS = {"podTemplate", "replicas", "resource"}
RESOURCE_FIELDS = {"cpu", "ephemeralStorage", "memory"}
FLINK_VERSIONS = {"v2_0", "v2_1", "v2_2"}
UPGRADE_MODES = {"last-state", "savepoint", "stateless"}
JOB_STATES = {"running", "suspended"}
# The job arguments whose values come from the telemetry-connection ConfigMap.
CONNECTION_ARGS = {
    "--kafka.bootstrap-servers": "KAFKA_BOOTSTRAP_SERVERS",
    "--jdbc.url": "JDBC_URL",
    "--jdbc.user": "JDBC_USER",
}


def pom_property(name):
    match = re.search(rf"<{re.escape(name)}>([^<]+)</", open("pom.xml").read())
    return match.group(1) if match else None


def check_flink_deployment(where, fd, config_maps):
    spec = fd.get("spec") or {}
    for field in sorted(set(spec) - SPEC_FIELDS):
        errors.append(f"{where}: unknown field spec.{field}")
    for field in ("image", "flinkVersion", "serviceAccount", "jobManager", "taskManager", "job"):
        if field not in spec:
            errors.append(f"{where}: spec.{field} is required")
    if spec.get("flinkVersion") not in FLINK_VERSIONS:
        errors.append(f"{where}: spec.flinkVersion {spec.get('flinkVersion')!r} is not a Flink 2.x version")
    flink_version = pom_property("flink.version")
    if flink_version:
        expected = "v" + "_".join(flink_version.split(".")[:2])
        if spec.get("flinkVersion") != expected:
            errors.append(f"{where}: flinkVersion {spec.get('flinkVersion')} but pom.xml has Flink {flink_version}")
    config = spec.get("flinkConfiguration") or {}
    for key, value in config.items():
        if isinstance(value, (dict, list)) or value is None:
            errors.append(f"{where}: flinkConfiguration.{key} must be a flat string value")
    for name in ("jobManager", "taskManager"):
        component = spec.get(name) or {}
        for field in sorted(set(component) - COMPONENT_FIELDS):
            errors.append(f"{where}: unknown field spec.{name}.{field}")
        resource = component.get("resource") or {}
        for field in ("memory", "cpu"):
            if field not in resource:
                errors.append(f"{where}: spec.{name}.resource.{field} is required")
        for field in sorted(set(resource) - RESOURCE_FIELDS):
            errors.append(f"{where}: unknown field spec.{name}.resource.{field}")
    job = spec.get("job") or {}
    for field in sorted(set(job) - JOB_FIELDS):
        errors.append(f"{where}: unknown field spec.job.{field}")
    if not str(job.get("jarURI", "")).startswith("local:///opt/flink/usrlib/"):
        errors.append(f"{where}: spec.job.jarURI must point into the image's /opt/flink/usrlib")
    if job.get("upgradeMode") not in UPGRADE_MODES:
        errors.append(f"{where}: spec.job.upgradeMode {job.get('upgradeMode')!r} is invalid")
    if job.get("state", "running") not in JOB_STATES:
        errors.append(f"{where}: spec.job.state {job.get('state')!r} is invalid")
    parallelism = job.get("parallelism")
    if not isinstance(parallelism, int) or parallelism < 1:
        errors.append(f"{where}: spec.job.parallelism must be a positive integer")
    if job.get("upgradeMode") in ("savepoint", "last-state"):
        for key in ("state.savepoints.dir", "state.checkpoints.dir"):
            if not config.get(key):
                errors.append(f"{where}: upgradeMode {job['upgradeMode']} needs flinkConfiguration.{key}")
    if config.get("high-availability.type") and not config.get("high-availability.storageDir"):
        errors.append(f"{where}: high availability needs high-availability.storageDir")
    if job.get("upgradeMode") == "last-state" and not config.get("high-availability.type"):
        errors.append(f"{where}: upgradeMode last-state needs high availability")
    if "metrics.reporter.prom.factory.class" not in config:
        errors.append(f"{where}: the Prometheus metrics reporter is not configured")
    args = [str(a) for a in job.get("args") or []]
    connection = config_maps.get("telemetry-connection", {})
    for option, key in CONNECTION_ARGS.items():
        if option not in args or args.index(option) + 1 >= len(args):
            errors.append(f"{where}: job argument {option} is missing")
        elif args[args.index(option) + 1] != connection.get(key):
            errors.append(
                f"{where}: {option} is {args[args.index(option) + 1]!r} but telemetry-connection "
                f"has {key}={connection.get(key)!r} (see k8s/components/job-connection)"
            )


def pod_specs(doc):
    """(path, pod spec) pairs of a workload or FlinkDeployment."""
    kind, spec = doc["kind"], doc.get("spec") or {}
    if kind in ("Deployment", "StatefulSet", "Job", "DaemonSet", "ReplicaSet"):
        yield "spec.template.spec", spec.get("template", {}).get("spec", {})
    elif kind == "FlinkDeployment":
        for path in ("podTemplate", "jobManager.podTemplate", "taskManager.podTemplate"):
            node = spec
            for part in path.split("."):
                node = (node or {}).get(part)
            if node:
                yield f"spec.{path}.spec", node.get("spec") or {}


def configured_base_name(name):
    """Generated ConfigMaps/Secrets carry a hash suffix: compare without it."""
    return re.sub(r"-[a-z0-9]{10}$", "", name)


for rendered in sorted(glob.glob(os.path.join(work_dir, "*.yaml"))):
    overlay = os.path.splitext(os.path.basename(rendered))[0]
    if overlay == "compose":
        continue
    docs = [d for d in yaml.safe_load_all(open(rendered)) if d]
    objects = {(d["kind"], d["metadata"]["name"]): d for d in docs}
    config_maps = {
        configured_base_name(d["metadata"]["name"]): d.get("data") or {}
        for d in docs if d["kind"] == "ConfigMap"
    }
    secrets = {d["metadata"]["name"]: set(d.get("data") or {}) | set(d.get("stringData") or {})
               for d in docs if d["kind"] == "Secret"}
    # Secrets an environment creates out of band are documented in its secret.example.yaml.
    example = os.path.join(overlays_dir, overlay, "secret.example.yaml")
    external_secrets = {}
    if os.path.isfile(example):
        for d in yaml.safe_load_all(open(example)):
            if d and d.get("kind") == "Secret":
                external_secrets[d["metadata"]["name"]] = set(d.get("stringData") or d.get("data") or {})

    for doc in docs:
        kind, name = doc["kind"], doc["metadata"]["name"]
        where = f"{overlay}: {kind}/{name}"
        if kind != "Namespace" and not doc["metadata"].get("namespace"):
            errors.append(f"{where}: no namespace")
        if kind == "FlinkDeployment":
            check_flink_deployment(where, doc, config_maps)
            if ("ServiceAccount", doc["spec"].get("serviceAccount")) not in objects:
                errors.append(f"{where}: service account {doc['spec'].get('serviceAccount')} is not defined")
        for path, pod in pod_specs(doc):
            containers = (pod.get("containers") or []) + (pod.get("initContainers") or [])
            images = [c["image"] for c in containers if "image" in c]
            if kind == "FlinkDeployment":
                images.append(doc["spec"].get("image", ""))
            for image in images:
                if ":" not in image.rsplit("/", 1)[-1] or image.endswith(":latest"):
                    errors.append(f"{where}: image '{image}' is not pinned to a tag")
            refs = []
            for c in containers:
                for env in c.get("env") or []:
                    source = env.get("valueFrom") or {}
                    if "configMapKeyRef" in source:
                        refs.append(("ConfigMap", source["configMapKeyRef"]))
                    if "secretKeyRef" in source:
                        refs.append(("Secret", source["secretKeyRef"]))
            for volume in pod.get("volumes") or []:
                if "configMap" in volume:
                    refs.append(("ConfigMap", {"name": volume["configMap"]["name"]}))
                if "secret" in volume:
                    refs.append(("Secret", {"name": volume["secret"]["secretName"]}))
                if "persistentVolumeClaim" in volume:
                    claim = volume["persistentVolumeClaim"]["claimName"]
                    if ("PersistentVolumeClaim", claim) not in objects:
                        errors.append(f"{where}: {path} mounts missing PersistentVolumeClaim {claim}")
            for ref_kind, ref in refs:
                ref_name, key = ref["name"], ref.get("key")
                if (ref_kind, ref_name) in objects:
                    data = objects[(ref_kind, ref_name)].get("data") or {}
                    if key is not None and key not in data:
                        errors.append(f"{where}: {ref_kind} {ref_name} has no key {key}")
                elif ref_kind == "Secret" and ref_name in external_secrets:
                    if key is not None and key not in external_secrets[ref_name]:
                        errors.append(f"{where}: {example} documents no key {key} for Secret {ref_name}")
                else:
                    documented = f" (nor documented in {example})" if external_secrets else ""
                    errors.append(f"{where}: {path} refers to missing {ref_kind} {ref_name}{documented}")

# Image versions agree with the build (one source of truth: pom.xml).
dockerfile = open("docker/flink-job.Dockerfile").read()
flink_base = re.search(r"^FROM flink:(\S+)-java17\s*$", dockerfile, re.M)
if not flink_base or flink_base.group(1) != pom_property("flink.version"):
    errors.append(f"docker/flink-job.Dockerfile: base image is not flink:{pom_property('flink.version')}-java17")
kafka_version = pom_property("kafka.version")
deploy_files = ["docker-compose.yml"] + glob.glob("k8s/**/*.yaml", recursive=True)
for path in deploy_files:
    for tag in re.findall(r"apache/kafka:(\S+)", open(path).read()):
        if tag != kafka_version:
            errors.append(f"{path}: apache/kafka:{tag} but pom.xml has Kafka {kafka_version}")

for error in errors:
    print(f"    {error}")
sys.exit(1 if errors else 0)
PY
}

check_schemas() {
  require_overlays || return 1
  ensure_kubernetes_models || return 1
  "$PYTHON" - "$WORK_DIR" <<'PY' >"$WORK_DIR/objects.json" || return 1
"""All rendered objects, as JSON for the schema check."""
import glob
import json
import os
import sys

import yaml

objects = []
for rendered in sorted(glob.glob(os.path.join(sys.argv[1], "*.yaml"))):
    overlay = os.path.splitext(os.path.basename(rendered))[0]
    if overlay != "compose":
        objects += [{"overlay": overlay, "object": d} for d in yaml.safe_load_all(open(rendered)) if d]
json.dump(objects, sys.stdout)
PY
  NODE_PATH="$CACHE_DIR/node_modules" node - "$WORK_DIR/objects.json" <<'JS'
// Validates every object against the Kubernetes OpenAPI schema of its kind (kubernetes-models).
// FlinkDeployment has no schema there; check_manifests covers it.
const fs = require("fs");
const path = require("path");
const objects = JSON.parse(fs.readFileSync(process.argv[2], "utf8"));
const checkedElsewhere = new Set(["flink.apache.org/v1beta1/FlinkDeployment"]);
let failures = 0;
for (const { overlay, object } of objects) {
  const where = `${overlay}: ${object.kind}/${object.metadata.name}`;
  if (checkedElsewhere.has(`${object.apiVersion}/${object.kind}`)) continue;
  let Model;
  try {
    Model = require(path.join("kubernetes-models", object.apiVersion, object.kind))[object.kind];
  } catch (e) {
    console.log(`    ${where}: no schema for ${object.apiVersion} ${object.kind}`);
    failures++;
    continue;
  }
  try {
    new Model(object).validate();
  } catch (e) {
    console.log(`    ${where}: ${e.message}`);
    failures++;
  }
}
console.log(`    ${objects.length - failures} of ${objects.length} objects valid`);
process.exit(failures ? 1 : 0);
JS
}

check_grafana_provisioning() {
  "$PYTHON" - <<'PY'
"""Every Grafana provisioning file and dashboard that compose mounts is also in the k8s
ConfigMaps (kustomize cannot generate a ConfigMap from a directory)."""
import glob
import os
import sys

import yaml

kustomization_path = "k8s/base/grafana/kustomization.yaml"
deployment_path = "k8s/base/grafana/deployment.yaml"
kustomization = yaml.safe_load(open(kustomization_path))
generated = {
    g["name"]: {os.path.normpath(os.path.join("k8s/base/grafana", f)) for f in g.get("files") or []}
    for g in kustomization.get("configMapGenerator") or []
}
deployment = yaml.safe_load(open(deployment_path))
pod = deployment["spec"]["template"]["spec"]
mounted = {
    v["configMap"]["name"]: m["mountPath"]
    for v in pod.get("volumes") or [] if "configMap" in v
    for c in pod["containers"] for m in c.get("volumeMounts") or [] if m["name"] == v["name"]
}

expected = {}
for directory in sorted(glob.glob("grafana/provisioning/*/")):
    kind = os.path.basename(os.path.dirname(directory))
    expected[f"grafana-provisioning-{kind}"] = (
        directory, f"/etc/grafana/telemetry/provisioning/{kind}", ("*.yaml", "*.yml"))
expected["grafana-dashboards"] = ("grafana/dashboards/", "/etc/grafana/telemetry/dashboards", ("*.json",))

errors = []
for config_map, (directory, mount_path, patterns) in expected.items():
    files = {os.path.normpath(f) for p in patterns for f in glob.glob(os.path.join(directory, p))}
    if files and config_map not in generated:
        errors.append(f"{kustomization_path}: add a configMapGenerator {config_map} for {directory}")
        continue
    for missing in sorted(files - generated.get(config_map, set())):
        errors.append(f"{kustomization_path}: {config_map} does not list {missing}")
    if config_map in generated and mounted.get(config_map) != mount_path:
        errors.append(f"{deployment_path}: mount {config_map} at {mount_path}")
for config_map, files in generated.items():
    for stale in sorted(f for f in files if not os.path.isfile(f)):
        errors.append(f"{kustomization_path}: {config_map} lists missing file {stale}")

for error in errors:
    print(f"    {error}")
sys.exit(1 if errors else 0)
PY
}

# ---------------------------------------------------------------------------------------------

passed=0
failed=0
run_check() {
  local description=$1
  shift
  echo "==> $description"
  if "$@"; then
    passed=$((passed + 1))
  else
    failed=$((failed + 1))
    echo "    FAILED: $description"
  fi
}

ensure_tools
run_check "yamllint (all YAML files)" check_yamllint
run_check "docker-compose.yml parses and its files exist" check_compose
run_check "every kustomize overlay builds" check_kustomize_builds
run_check "rendered manifests: FlinkDeployment, references, image versions" check_manifests
run_check "rendered manifests: Kubernetes schemas" check_schemas
run_check "Grafana provisioning files all reach the k8s ConfigMaps" check_grafana_provisioning

echo "deploy: $passed passed, $failed failed"
[[ $failed -eq 0 ]]
