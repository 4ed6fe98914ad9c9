package dev.llmgateway.bench.gateway;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import org.junit.jupiter.api.Test;

class ProcessReadingsTest {
  @Test
  void readsCpuTicksEvenWhenTheCommandNameHoldsSpacesAndParentheses() {
    String stat = "4242 (java (main) x) S 1 4242 4242 0 -1 4194304 12 0 0 0 1234 567 0 0 20 0 30 0 99 0 0";

    assertThat(ProcSample.cpuTicks(stat)).containsExactly(1234, 567);
  }

  @Test
  void countsEveryMachineCpuStateButIdleAndIoWaitAsBusy() {
    MachineCpu cpu = MachineCpu.parse("cpu  100 5 50 1000 20 3 2 1 0 0");

    assertThat(cpu.busyTicks()).isEqualTo(100 + 5 + 50 + 3 + 2 + 1);
    assertThatThrownBy(() -> MachineCpu.parse("cpu0 1 2 3 4")).isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void readsThisProcess() throws IOException {
    ProcSample self = ProcSample.read(ProcessHandle.current().pid());

    assertThat(self.rssKib()).isPositive();
    assertThat(self.peakRssKib()).isGreaterThanOrEqualTo(self.rssKib());
    assertThat(self.threads()).isPositive();
    assertThat(self.cpuTicks()).isNotNegative();
  }

  @Test
  void parsesHeapFiguresOfG1AndOfGenerationalCollectors() {
    String g1 = """
        4242:
         garbage-first heap   total 262144K, used 21504K [0x00000000c0000000, 0x0000000100000000)
          region size 1024K, 20 young (20480K), 0 survivors (0K)
         Metaspace       used 6010K, committed 6144K, reserved 1056768K
          class space    used 573K, committed 640K, reserved 1048576K
        """;
    String parallel = """
         PSYoungGen      total 76288K, used 3932K [0x0000000716580000, 0x000000071ba80000, 0x00000007c0000000)
         ParOldGen       total 175104K, used 100K [0x00000005c3000000, 0x00000005cdb00000, 0x0000000716580000)
         Metaspace       used 6010K, committed 6144K, reserved 1056768K
        """;

    assertThat(HeapInfo.parse(g1)).isEqualTo(new HeapInfo(21504, 262144));
    assertThat(HeapInfo.parse(parallel)).isEqualTo(new HeapInfo(4032, 251392));
    assertThatThrownBy(() -> HeapInfo.parse("4242:\nCommand not found\n")).isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void readsTheHeapOfThisJvmThroughJcmd() throws IOException, InterruptedException {
    HeapInfo heap = new Jcmd().heapInfo(ProcessHandle.current().pid());

    assertThat(heap.usedKib()).isPositive();
    assertThat(heap.committedKib()).isGreaterThanOrEqualTo(heap.usedKib());
  }
}
