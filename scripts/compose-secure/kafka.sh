#!/bin/sh
# Starts the secured compose variant's Kafka (apache/kafka image): SASL_SSL (SCRAM-SHA-512) for
# clients on 9093, mutual TLS between broker and controller, StandardAuthorizer with no access
# unless an ACL grants it; the roles' SCRAM users are added when the storage is formatted.
set -eu
S=/secrets
CFG=/tmp/server.properties
STORE=$(cat "$S/broker.password")
cat > "$CFG" <<PROPS
process.roles=broker,controller
node.id=1
controller.quorum.voters=1@kafka:9094
listeners=SASL_SSL://:9093,CONTROLLER://:9094,INTERNAL://:9095
advertised.listeners=SASL_SSL://kafka:9093,INTERNAL://kafka:9095
listener.security.protocol.map=SASL_SSL:SASL_SSL,CONTROLLER:SSL,INTERNAL:SSL
inter.broker.listener.name=INTERNAL
controller.listener.names=CONTROLLER
log.dirs=/var/lib/kafka/data
ssl.keystore.type=PKCS12
ssl.keystore.location=$S/broker.p12
ssl.keystore.password=$STORE
ssl.key.password=$STORE
ssl.truststore.type=PEM
ssl.truststore.location=$S/ca.pem
ssl.client.auth=none
listener.name.controller.ssl.client.auth=required
listener.name.internal.ssl.client.auth=required
ssl.principal.mapping.rules=RULE:^(?:.*,)?CN=([a-zA-Z0-9._-]+)(?:,.*)?\$/\$1/,DEFAULT
sasl.enabled.mechanisms=SCRAM-SHA-512
listener.name.sasl_ssl.sasl.enabled.mechanisms=SCRAM-SHA-512
listener.name.sasl_ssl.scram-sha-512.sasl.jaas.config=org.apache.kafka.common.security.scram.ScramLoginModule required;
authorizer.class.name=org.apache.kafka.metadata.authorizer.StandardAuthorizer
allow.everyone.if.no.acl.found=false
super.users=User:broker;User:admin
auto.create.topics.enable=false
offsets.topic.replication.factor=1
transaction.state.log.replication.factor=1
transaction.state.log.min.isr=1
default.replication.factor=1
message.max.bytes=16777216
replica.fetch.max.bytes=16777216
PROPS
if [ ! -f /var/lib/kafka/data/meta.properties ]; then
  set --
  for role in producer processor sink recorder admin; do
    set -- "$@" --add-scram "SCRAM-SHA-512=[name=$role,password=$(cat "$S/$role.password")]"
  done
  /opt/kafka/bin/kafka-storage.sh format -t "${CLUSTER_ID:-$(/opt/kafka/bin/kafka-storage.sh random-uuid)}" -c "$CFG" "$@"
fi
exec /opt/kafka/bin/kafka-server-start.sh "$CFG"
