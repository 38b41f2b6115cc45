package org.flar.deploy;

/** What a deployment did, for the summary line and --json. */
public record DeployResult(long entries, long bytes, long devicesSkipped) {
}
