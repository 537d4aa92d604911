{{- define "spin-operator.name" -}}spin-operator{{- end -}}

{{/* plain manifests (deploy/) do not claim that Helm manages them */}}
{{- define "spin-operator.labels" -}}
app.kubernetes.io/name: spin-operator
app.kubernetes.io/instance: {{ .Release.Name }}
app.kubernetes.io/version: {{ .Chart.AppVersion | quote }}
{{- if not .Values.plainManifests }}
app.kubernetes.io/managed-by: {{ .Release.Service }}
helm.sh/chart: {{ printf "%s-%s" .Chart.Name .Chart.Version }}
{{- end }}
{{- end -}}

{{/* the operator's pods; plain manifests keep the selector deploy/ always had, since a Deployment's selector
     cannot change */}}
{{- define "spin-operator.selector" -}}
app.kubernetes.io/name: spin-operator
{{- if not .Values.plainManifests }}
app.kubernetes.io/instance: {{ .Release.Name }}
{{- end }}
{{- end -}}

{{/* registry/repository:tag, or @digest when a digest is pinned (air-gapped mirrors); the JVM image's default
     tag is the native one's with "-jvm" */}}
{{- define "spin-operator.image" -}}
{{- $ref := printf "%s/%s" .Values.image.registry .Values.image.repository -}}
{{- if .Values.image.digest -}}
{{- printf "%s@%s" $ref .Values.image.digest -}}
{{- else if .Values.image.tag -}}
{{- printf "%s:%s" $ref .Values.image.tag -}}
{{- else -}}
{{- printf "%s:%s%s" $ref .Chart.AppVersion (ternary "-jvm" "" (eq .Values.runtime "jvm")) -}}
{{- end -}}
{{- end -}}

{{/* requests and limits: the values' own, or the runtime's defaults (measured: bench/README.md) */}}
{{- define "spin-operator.resources" -}}
{{- if .Values.resources -}}
{{- toYaml .Values.resources -}}
{{- else if eq .Values.runtime "jvm" -}}
requests:
  cpu: 100m
  memory: 160Mi
limits:
  memory: 256Mi
{{- else -}}
requests:
  cpu: 100m
  memory: 128Mi
limits:
  memory: 192Mi
{{- end -}}
{{- end -}}

{{- define "spin-operator.webhookService" -}}{{ .Release.Name }}-webhook{{- end -}}

{{/*
With watchNamespaces, the webhooks are called for those namespaces only: SpinApps elsewhere belong to another
operator (or none), and this one neither defaults nor judges them (its executor cache covers its namespaces only).
*/}}
{{- define "spin-operator.webhookNamespaceSelector" -}}
{{- with .Values.watchNamespaces -}}
namespaceSelector:
  matchExpressions:
    - key: kubernetes.io/metadata.name
      operator: In
      values: {{- toYaml . | nindent 8 }}
{{- end }}
{{- end -}}
