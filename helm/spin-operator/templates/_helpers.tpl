{{- define "spin-operator.name" -}}spin-operator{{- end -}}

{{- define "spin-operator.labels" -}}
app.kubernetes.io/name: spin-operator
app.kubernetes.io/instance: {{ .Release.Name }}
app.kubernetes.io/version: {{ .Chart.AppVersion | quote }}
app.kubernetes.io/managed-by: {{ .Release.Service }}
helm.sh/chart: {{ printf "%s-%s" .Chart.Name .Chart.Version }}
{{- end -}}

{{- define "spin-operator.selector" -}}
app.kubernetes.io/name: spin-operator
app.kubernetes.io/instance: {{ .Release.Name }}
{{- end -}}

{{/* registry/repository:tag, or @digest when a digest is pinned (air-gapped mirrors) */}}
{{- define "spin-operator.image" -}}
{{- $ref := printf "%s/%s" .Values.image.registry .Values.image.repository -}}
{{- if .Values.image.digest -}}
{{- printf "%s@%s" $ref .Values.image.digest -}}
{{- else -}}
{{- printf "%s:%s" $ref (default .Chart.AppVersion .Values.image.tag) -}}
{{- end -}}
{{- end -}}

{{- define "spin-operator.webhookService" -}}{{ .Release.Name }}-webhook{{- end -}}
