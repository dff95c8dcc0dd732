package io.ofnevents.compile;

/**
 * The generated names of Knative Sequences and Parallels: the flows' part of {@link Names} (which
 * documents every other scheme and points here), kept apart only to keep that file readable.
 *
 * <ul>
 *   <li>Subjects, Knative's channel names behind a first token {@code knflow} (no '-', so none is
 *       an OpenFunction topic, nor, by its first token, a Broker's or another Knative subject): a
 *       Sequence's step i reads {@code knflow.{ns}.{name}-kn-sequence-{i}}, its last step's reply
 *       for an HTTP `spec.reply` waits on {@code knflow.{ns}.{name}-kn-sequence-reply}; a
 *       Parallel's ingress is {@code knflow.{ns}.{name}-kn-parallel}, branch i's filtered events
 *       {@code knflow.{ns}.{name}-kn-parallel-{i}} and its subscriber's replies for an HTTP reply
 *       {@code knflow.{ns}.{name}-kn-parallel-{i}-reply}. The namespace is one token (no dots), and
 *       the endings ({@code -kn-sequence-}digits, {@code -kn-sequence-reply}, {@code -kn-parallel},
 *       {@code -kn-parallel-}digits, {@code -kn-parallel-}digits{@code -reply}) cannot be read two
 *       ways, so two flows never share a subject.
 *   <li>Durable consumers, Knative's Subscription names after the namespace: {@code
 *       {ns}-{name}-kn-sequence-{i}} (step i), {@code {ns}-{name}-kn-sequence-reply}; {@code
 *       {ns}-{name}-kn-parallel-filter-{i}} (branch i's filter, on the ingress), {@code
 *       {ns}-{name}-kn-parallel-{i}} (its subscriber), {@code {ns}-{name}-kn-parallel-{i}-reply}.
 *       Named by flow and position, so an edited flow resumes each position's queue in place.
 *   <li>Route ids {@code kn-sequence-{ns}-{name}-{role}} and {@code
 *       kn-parallel-{ns}-{name}-{role}}, the role one of {@code ingress}, {@code step-{i}}, {@code
 *       reply}, {@code filter-{i}}, {@code branch-{i}}, {@code reply-{i}}; a consuming route's
 *       delivery route (also its {@code direct:} endpoint, where parked events are replayed) adds
 *       {@code -deliver}.
 *   <li>Parked-event owners: {@code sequence:{name}} (index: the step), {@code
 *       sequence-reply:{name}} (index 0), {@code parallel-filter:{name}}, {@code parallel:{name}}
 *       (its subscriber) and {@code parallel-reply:{name}} (index: the branch); each parks on
 *       {@code knflowparked.{ns}.{name}} plus the subject ending of its kind and role ({@code
 *       -kn-sequence}, {@code -kn-sequence-reply}, {@code -kn-parallel-filter}, {@code
 *       -kn-parallel}, {@code -kn-parallel-reply}).
 *   <li>Ingress paths {@code /{ns}/sequences/{name}} and {@code /{ns}/parallels/{name}}.
 * </ul>
 */
public final class FlowNames {
  public static final String SEQUENCE_OWNER = "sequence:";
  public static final String SEQUENCE_REPLY_OWNER = "sequence-reply:";
  public static final String PARALLEL_FILTER_OWNER = "parallel-filter:";
  public static final String PARALLEL_OWNER = "parallel:";
  public static final String PARALLEL_REPLY_OWNER = "parallel-reply:";

  private FlowNames() {}

  // Sequence

  /** Subject step `i` of a Sequence reads (Knative's channel {@code {name}-kn-sequence-{i}}). */
  public static String sequenceSubject(String ns, String name, int i) {
    return "knflow." + ns + "." + name + "-kn-sequence-" + i;
  }

  /** Subject the last step's replies wait on for an HTTP `spec.reply`. */
  public static String sequenceReplySubject(String ns, String name) {
    return "knflow." + ns + "." + name + "-kn-sequence-reply";
  }

  public static String sequenceConsumer(String ns, String name, int i) {
    return ns + "-" + name + "-kn-sequence-" + i;
  }

  public static String sequenceReplyConsumer(String ns, String name) {
    return ns + "-" + name + "-kn-sequence-reply";
  }

  public static String sequenceIngressRoute(String ns, String name) {
    return sequenceRoute(ns, name, "ingress");
  }

  public static String sequenceStepRoute(String ns, String name, int i) {
    return sequenceRoute(ns, name, "step-" + i);
  }

  public static String sequenceStepDirect(String ns, String name, int i) {
    return "direct:" + sequenceStepRoute(ns, name, i) + "-deliver";
  }

  public static String sequenceReplyRoute(String ns, String name) {
    return sequenceRoute(ns, name, "reply");
  }

  public static String sequenceReplyDirect(String ns, String name) {
    return "direct:" + sequenceReplyRoute(ns, name) + "-deliver";
  }

  public static String sequencePath(String ns, String name) {
    return "/" + ns + "/sequences/" + name;
  }

  public static String sequenceParked(String ns, String name) {
    return "knflowparked." + ns + "." + name + "-kn-sequence";
  }

  public static String sequenceReplyParked(String ns, String name) {
    return "knflowparked." + ns + "." + name + "-kn-sequence-reply";
  }

  private static String sequenceRoute(String ns, String name, String role) {
    return "kn-sequence-" + ns + "-" + name + "-" + role;
  }

  // Parallel

  /** The ingress subject every branch's filter reads (Knative's {@code {name}-kn-parallel}). */
  public static String parallelSubject(String ns, String name) {
    return "knflow." + ns + "." + name + "-kn-parallel";
  }

  /** Subject of branch `i`'s filtered events, which its subscriber reads. */
  public static String parallelBranchSubject(String ns, String name, int i) {
    return parallelSubject(ns, name) + "-" + i;
  }

  /** Subject branch `i`'s subscriber replies wait on for an HTTP reply. */
  public static String parallelReplySubject(String ns, String name, int i) {
    return parallelBranchSubject(ns, name, i) + "-reply";
  }

  public static String parallelFilterConsumer(String ns, String name, int i) {
    return ns + "-" + name + "-kn-parallel-filter-" + i;
  }

  public static String parallelBranchConsumer(String ns, String name, int i) {
    return ns + "-" + name + "-kn-parallel-" + i;
  }

  public static String parallelReplyConsumer(String ns, String name, int i) {
    return parallelBranchConsumer(ns, name, i) + "-reply";
  }

  public static String parallelIngressRoute(String ns, String name) {
    return parallelRoute(ns, name, "ingress");
  }

  public static String parallelFilterRoute(String ns, String name, int i) {
    return parallelRoute(ns, name, "filter-" + i);
  }

  public static String parallelBranchRoute(String ns, String name, int i) {
    return parallelRoute(ns, name, "branch-" + i);
  }

  public static String parallelReplyRoute(String ns, String name, int i) {
    return parallelRoute(ns, name, "reply-" + i);
  }

  /** The `direct:` endpoint of a consuming route's delivery route. */
  public static String deliverDirect(String route) {
    return "direct:" + deliverRoute(route);
  }

  public static String deliverRoute(String route) {
    return route + "-deliver";
  }

  public static String parallelPath(String ns, String name) {
    return "/" + ns + "/parallels/" + name;
  }

  public static String parallelFilterParked(String ns, String name) {
    return "knflowparked." + ns + "." + name + "-kn-parallel-filter";
  }

  public static String parallelParked(String ns, String name) {
    return "knflowparked." + ns + "." + name + "-kn-parallel";
  }

  public static String parallelReplyParked(String ns, String name) {
    return "knflowparked." + ns + "." + name + "-kn-parallel-reply";
  }

  private static String parallelRoute(String ns, String name, String role) {
    return "kn-parallel-" + ns + "-" + name + "-" + role;
  }

  /**
   * CloudEvent extension a flow's dead letters carry, the flow as an API path ({@link
   * #flowCeValue}); with {@link #FLOW_STEP_EXTENSION}, the field path of the step that failed.
   */
  public static final String FLOW_EXTENSION = "ofnflow";

  public static final String FLOW_STEP_EXTENSION = "ofnflowstep";

  /** `/apis/flows.knative.dev/v1/namespaces/{ns}/{plural}/{name}`. */
  public static String flowCeValue(String plural, String ns, String name) {
    return "/apis/flows.knative.dev/v1/namespaces/" + ns + "/" + plural + "/" + name;
  }
}
