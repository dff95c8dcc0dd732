package io.ofnevents.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.ofnevents.runtime.parking.ParkingOwners;
import java.io.PrintWriter;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * `parked list|replay|drop`: the events Trigger subscribers could not deliver (rejected, or still
 * failing after `maxDeliveries`) and that had no dead letter. Works against a running runtime's
 * management API, or directly against a JetStream bus from the resource files.
 */
@Command(
    name = "parked",
    mixinStandardHelpOptions = true,
    description = "List, replay or drop events Trigger subscribers could not deliver.",
    subcommands = {
      ParkedCommand.ListCommand.class,
      ParkedCommand.Replay.class,
      ParkedCommand.Drop.class
    })
final class ParkedCommand {
  private ParkedCommand() {}

  /** `parked list`. */
  @Command(
      name = "list",
      mixinStandardHelpOptions = true,
      description = "Parked events, oldest first. Exit 0, or 1 when they cannot be read.")
  static final class ListCommand implements Callable<Integer> {
    @Spec CommandSpec spec;
    @Mixin ParkedTarget target;

    @Option(
        names = "--trigger",
        paramLabel = "NS/OWNER",
        description =
            "Only this parking owner, as the ids write it: NS/NAME (an OpenFunction Trigger),"
                + " NS/kn-trigger:NAME, NS/pingsource:NAME, NS/apiserversource:NAME,"
                + " NS/sequence:NAME...")
    String trigger;

    @Option(
        names = "--resource",
        paramLabel = "KIND/NS/NAME",
        description =
            "Only this resource's parked events, every hop of it, as the console names it:"
                + " Trigger/NS/NAME, Trigger.eventing.knative.dev/NS/NAME,"
                + " PingSource.sources.knative.dev/NS/NAME, Sequence.flows.knative.dev/NS/NAME..."
                + " (the group may be left out where only one API has the kind).")
    String resource;

    @Option(
        names = "--limit",
        defaultValue = "100",
        description = "At most this many (default: ${DEFAULT-VALUE}).")
    int limit;

    @Option(names = "--json", description = "One JSON object per line, as the API gives them.")
    boolean json;

    @Override
    public Integer call() throws Exception {
      PrintWriter out = spec.commandLine().getOut();
      if (trigger != null && resource != null) {
        spec.commandLine()
            .getErr()
            .println("ofn-events parked: give --trigger or --resource, not both");
        return 2;
      }
      if (resource != null && ParkingOwners.parseRef(resource).isEmpty()) {
        spec.commandLine()
            .getErr()
            .println(
                "ofn-events parked: --resource "
                    + resource
                    + " is not KIND/NAMESPACE/NAME (e.g. Trigger.eventing.knative.dev/default/orders)");
        return 2;
      }
      return run(
          spec,
          target,
          client -> {
            List<JsonNode> parked =
                resource != null
                    ? client.listResource(resource, limit)
                    : client.list(trigger, limit);
            if (json) {
              ObjectMapper mapper = new ObjectMapper();
              for (JsonNode n : parked) out.println(mapper.writeValueAsString(n));
            } else {
              table(out, parked);
            }
          });
    }

    private static void table(PrintWriter out, List<JsonNode> parked) {
      String format = "%-40s %-44s %-24s %-5s %-36s %-24s %s%n";
      out.printf(format, "ID", "RESOURCE", "SUBSCRIBER", "CODE", "EVENT", "PARKED AT", "SUBJECT");
      for (JsonNode n : parked) {
        out.printf(
            format,
            n.path("id").asText(),
            n.path("resource").asText("-"),
            n.path("field").asText(n.path("subscriber").asText()),
            n.path("error").path("code").asText("-"),
            n.path("eventId").asText(),
            n.path("parkedAt").asText(),
            n.path("subject").asText());
      }
      out.println(parked.size() + " parked event(s)");
    }
  }

  /** `parked replay ID...`. */
  @Command(
      name = "replay",
      mixinStandardHelpOptions = true,
      description =
          "Deliver parked events again, each to the subscriber that failed it, then remove them."
              + " Exit 0 when every one was delivered, 1 otherwise (a failed one stays parked).")
  static final class Replay implements Callable<Integer> {
    @Spec CommandSpec spec;
    @Mixin ParkedTarget target;

    @Parameters(arity = "1..*", paramLabel = "ID", description = "namespace/trigger/id, as listed.")
    List<String> ids;

    @Override
    public Integer call() throws Exception {
      return each(spec, target, ids, "replayed", ParkedClient::replay);
    }
  }

  /** `parked drop ID...`. */
  @Command(
      name = "drop",
      mixinStandardHelpOptions = true,
      description = "Remove parked events for good. Exit 0, or 1 when one was not found.")
  static final class Drop implements Callable<Integer> {
    @Spec CommandSpec spec;
    @Mixin ParkedTarget target;

    @Parameters(arity = "1..*", paramLabel = "ID", description = "namespace/trigger/id, as listed.")
    List<String> ids;

    @Override
    public Integer call() throws Exception {
      return each(spec, target, ids, "dropped", ParkedClient::drop);
    }
  }

  private interface Action {
    void run(ParkedClient client) throws Exception;
  }

  private interface OnEvent {
    void run(ParkedClient client, String id) throws Exception;
  }

  private static int each(
      CommandSpec spec, ParkedTarget target, List<String> ids, String done, OnEvent action)
      throws Exception {
    int[] failed = {0};
    int code =
        run(
            spec,
            target,
            client -> {
              for (String id : ids) {
                try {
                  action.run(client, id);
                  spec.commandLine().getOut().println(id + " " + done);
                } catch (ParkedClient.Failure e) {
                  failed[0]++;
                  spec.commandLine().getErr().println(id + ": " + e.getMessage());
                }
              }
            });
    return code != 0 ? code : failed[0] == 0 ? 0 : 1;
  }

  private static int run(CommandSpec spec, ParkedTarget target, Action action) throws Exception {
    PrintWriter err = spec.commandLine().getErr();
    try (ParkedClient client = target.open(err)) {
      if (client == null) return 1;
      action.run(client);
      return 0;
    } catch (ParkedClient.Failure e) {
      err.println("ofn-events parked: " + e.getMessage());
      return 1;
    }
  }
}
