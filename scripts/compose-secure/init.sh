#!/bin/sh
# Secrets of the secured docker-compose variant, made once into the "secrets" volume with the
# JDK's keytool: a CA (its key is deleted afterwards), the broker's certificate for the name
# "kafka", a random SCRAM-SHA-512 password per role, each role's client properties (standard
# Kafka client keys only, as signstream broker --secure writes them) and the caption token secret.
set -eu
D=/secrets
[ -f "$D/.done" ] && { echo "secrets exist"; exit 0; }
umask 077
cd "$D"
rnd() { head -c "$1" /dev/urandom | base64 | tr -d '/+=\n'; }

STORE=$(rnd 24)
keytool -genkeypair -alias ca -keyalg EC -groupname secp256r1 -dname "CN=SignStream compose CA" \
  -ext bc:c -validity 365 -keystore ca.p12 -storetype PKCS12 -storepass "$STORE"
keytool -exportcert -rfc -alias ca -keystore ca.p12 -storepass "$STORE" > ca.pem
keytool -genkeypair -alias broker -keyalg EC -groupname secp256r1 -dname "CN=broker,OU=signstream" \
  -validity 365 -keystore broker.p12 -storetype PKCS12 -storepass "$STORE"
keytool -certreq -alias broker -keystore broker.p12 -storepass "$STORE" \
  | keytool -gencert -alias ca -keystore ca.p12 -storepass "$STORE" -rfc -validity 365 \
      -ext SAN=dns:kafka,dns:localhost -ext EKU=serverAuth,clientAuth > broker.crt
keytool -importcert -noprompt -alias ca -file ca.pem -keystore broker.p12 -storepass "$STORE"
keytool -importcert -alias broker -file broker.crt -keystore broker.p12 -storepass "$STORE"
rm -f ca.p12 broker.crt
printf '%s' "$STORE" > broker.password

for role in producer processor sink recorder admin; do
  pw=$(rnd 32)
  printf '%s' "$pw" > "$role.password"
  cat > "$role.properties" <<PROPS
# SignStream $role: SASL_SSL with SCRAM-SHA-512. Secret.
bootstrap.servers=kafka:9093
security.protocol=SASL_SSL
sasl.mechanism=SCRAM-SHA-512
sasl.jaas.config=org.apache.kafka.common.security.scram.ScramLoginModule required username="$role" password="$pw";
ssl.truststore.type=PEM
ssl.truststore.location=$D/ca.pem
PROPS
done
rnd 48 > caption-secret
chown -R 1000:1000 "$D"
touch .done
echo "secrets written"
