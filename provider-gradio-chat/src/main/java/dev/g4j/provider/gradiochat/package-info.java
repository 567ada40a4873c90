/**
 * Any Gradio chat app as a provider. A {@link dev.g4j.provider.gradiochat.GradioChatSpec} says where the
 * app is, which endpoint chats, how a conversation fills its inputs ({@link
 * dev.g4j.provider.gradiochat.InputSlot}) and in which {@link dev.g4j.provider.gradiochat.ChatFormat} the
 * chatbot comes back.
 */
package dev.g4j.provider.gradiochat;
