package org.cosell.bench;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import java.io.OutputStream;
import java.io.PrintStream;
import java.util.Map;
import org.cosell.stack.CosellService;
import org.junit.jupiter.api.Test;

class DatabaseWorkTest {

    private static final String SCRAPE = """
            # HELP mongodb_driver_commands_seconds Timer of mongodb commands
            # TYPE mongodb_driver_commands_seconds summary
            mongodb_driver_commands_seconds_count{cluster_id="c1",collection="referrals",command="insert",database="cosell-referrals",server_address="localhost:27017",status="SUCCESS"} 40
            mongodb_driver_commands_seconds_sum{cluster_id="c1",collection="referrals",command="insert",database="cosell-referrals",server_address="localhost:27017",status="SUCCESS"} 0.5
            mongodb_driver_commands_seconds_count{cluster_id="c1",collection="referrals",command="insert",database="cosell-referrals",server_address="localhost:27017",status="FAILED"} 2
            mongodb_driver_commands_seconds_count{cluster_id="c1",collection="outbox_claims",command="insert",database="cosell-referrals",server_address="localhost:27017",status="SUCCESS"} 8
            mongodb_driver_commands_seconds_count{cluster_id="c1",collection="referrals",command="find",database="cosell-referrals",server_address="localhost:27017",status="SUCCESS"} 1.0E3
            mongodb_driver_commands_seconds_max{cluster_id="c1",collection="referrals",command="find",database="cosell-referrals",server_address="localhost:27017",status="SUCCESS"} 0.01
            jvm_memory_used_bytes{area="heap",id="Tenured Gen"} 1.2E7
            """;

    @Test
    void sumsTheDriversCommandCountsByCommandOverCollectionsAndOutcomes() {
        assertThat(DatabaseWork.parse(SCRAPE)).containsExactlyInAnyOrderEntriesOf(Map.of("insert", 50L, "find", 1_000L));
        assertThat(DatabaseWork.parse("jvm_threads_live_threads 30\n")).isEmpty();
    }

    @Test
    void reportsTheWorkOfEachReferralPerServiceAndInTotal() {
        Map<CosellService, DatabaseWork.Snapshot> before = Map.of(
                CosellService.REFERRAL_SERVICE, new DatabaseWork.Snapshot(Map.of("insert", 10L), 1_000),
                CosellService.DEAL_SERVICE, new DatabaseWork.Snapshot(Map.of(), 0),
                CosellService.NOTIFICATION_SERVICE, new DatabaseWork.Snapshot(Map.of("find", 5L), 0),
                CosellService.EXPIRY_SCHEDULER, new DatabaseWork.Snapshot(Map.of(), 0));
        Map<CosellService, DatabaseWork.Snapshot> after = Map.of(
                CosellService.REFERRAL_SERVICE, new DatabaseWork.Snapshot(Map.of("insert", 30L, "update", 20L), 201_000),
                CosellService.DEAL_SERVICE, new DatabaseWork.Snapshot(Map.of("insert", 4L), 300_000),
                CosellService.NOTIFICATION_SERVICE, new DatabaseWork.Snapshot(Map.of("find", 5L), 0),
                CosellService.EXPIRY_SCHEDULER, new DatabaseWork.Snapshot(Map.of("insert", 2L), 50_000));
        ResultsTable table = new ResultsTable(new PrintStream(OutputStream.nullOutputStream()));

        DatabaseWork.report(before, after, 100, "ingest", "whole stack", table);

        assertThat(table.figures()).extracting(Figure::name, Figure::value).contains(
                tuple("database commands per referral, referral-service, whole stack", 0.4),
                tuple("bytes stored per referral, referral-service, whole stack", 2_000.0),
                tuple("database commands per referral, notification-service, whole stack", 0.0),
                tuple("database commands per referral, all services, whole stack", 0.46),
                tuple("bytes stored per referral, all services, whole stack", 5_500.0));
    }
}
