{{/* Name of the release's objects: <release>-stream-manager unless the release name already says it. */}}
{{- define "sm.fullname" -}}
{{- if contains "stream-manager" .Release.Name -}}
{{- .Release.Name | trunc 40 | trimSuffix "-" -}}
{{- else -}}
{{- printf "%s-stream-manager" .Release.Name | trunc 40 | trimSuffix "-" -}}
{{- end -}}
{{- end -}}

{{- define "sm.labels" -}}
helm.sh/chart: {{ printf "%s-%s" .Chart.Name .Chart.Version | replace "+" "_" }}
app.kubernetes.io/name: stream-manager
app.kubernetes.io/instance: {{ .Release.Name }}
app.kubernetes.io/version: {{ .Chart.AppVersion | quote }}
app.kubernetes.io/managed-by: {{ .Release.Service }}
app.kubernetes.io/part-of: stream-manager
{{- end -}}

{{/* Selector labels of one component: (dict "root" $ "component" "render-worker") */}}
{{- define "sm.selectorLabels" -}}
app.kubernetes.io/name: stream-manager
app.kubernetes.io/instance: {{ .root.Release.Name }}
app.kubernetes.io/component: {{ .component }}
{{- end -}}

{{/* The four services: component name -> its values. */}}
{{- define "sm.components" -}}
{{- $v := .Values -}}
{{- toYaml (dict "api-gateway" $v.apiGateway "layer-service" $v.layerService "render-worker" $v.renderWorker "encoder-worker" $v.encoderWorker) -}}
{{- end -}}

{{- define "sm.image" -}}
{{- $img := .root.Values.image -}}
{{- printf "%s%s%s:%s" $img.registry $img.prefix .component (default .root.Chart.AppVersion $img.tag) -}}
{{- end -}}

{{- define "sm.secretName" -}}
{{- default (printf "%s-secrets" (include "sm.fullname" .)) .Values.auth.existingSecret -}}
{{- end -}}

{{/* Replicas of a Deployment; none for render-worker under an autoscaler (it owns the count). */}}
{{- define "sm.replicas" -}}
{{- $c := .component -}}{{- $v := .values -}}
{{- if eq $c "encoder-worker" -}}
{{- add $v.replicas $v.standbyReplicas -}}
{{- else if and (eq $c "render-worker") $v.autoscaling.enabled -}}
{{- else -}}
{{- $v.replicas -}}
{{- end -}}
{{- end -}}
