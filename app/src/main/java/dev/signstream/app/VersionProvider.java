package dev.signstream.app;

import picocli.CommandLine;

/** Reports the version from the jar manifest. */
final class VersionProvider implements CommandLine.IVersionProvider {

    @Override
    public String[] getVersion() {
        String version = SignStream.class.getPackage().getImplementationVersion();
        return new String[] {"signstream " + (version == null ? "(development build)" : version)};
    }
}
