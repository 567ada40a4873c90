/** The server-sent events parser shared by g4j's HTTP clients. */
module dev.g4j.sse {
    exports dev.g4j.sse;
}
