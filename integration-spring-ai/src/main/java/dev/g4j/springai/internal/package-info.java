/** The Spring AI adapter's internals: prompt mapping, answer tracking, base-URL pinning. Not an API. */
package dev.g4j.springai.internal;
