package dev.signstream.embedded;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.common.acl.AclBinding;

/** Creates ACL bindings on a broker as a super user. */
final class BrokerAcls {

    private BrokerAcls() {
    }

    static void apply(Map<String, Object> superUserClient, List<AclBinding> bindings, Duration timeout) {
        try (Admin admin = Admin.create(superUserClient)) {
            admin.createAcls(bindings).all().get(timeout.toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while creating ACLs", e);
        } catch (ExecutionException | TimeoutException e) {
            throw new IllegalStateException("cannot create the roles' ACLs: " + e.getMessage(), e);
        }
    }
}
