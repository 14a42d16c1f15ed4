import { useState } from "react";
import { useWatch, type Control, type FieldErrors, type UseFormRegister, type UseFormSetValue } from "react-hook-form";
import type { RegistryRef } from "@paddock/contracts";
import { Field } from "@/components/ui/field";
import { PasswordField } from "@/components/ui/password-field";
import { ADDRESS_PRESETS, hostLabel, needsHost, presetOf, stripProtocol } from "../utils/address-presets";
import { entryAddress, type FormMode, type RegistryFormValues } from "../utils/form-values";
import type { CredentialTestRequest } from "../api/test-credentials";
import { CredentialTestButton } from "./credential-test-button";

const HOST_HELP = "Just the hostname or IP address, do not include the protocol (https://)";

/** One registry of the form: Address, Username, Password, Test credentials, and Remove when there are several. */
export function RegistryEntryFields(props: {
  index: number;
  count: number;
  mode: FormMode;
  cluster: string;
  project: string;
  /** the registry an edit or clone started from */
  source?: RegistryRef | undefined;
  control: Control<RegistryFormValues>;
  register: UseFormRegister<RegistryFormValues>;
  setValue: UseFormSetValue<RegistryFormValues>;
  errors: FieldErrors<RegistryFormValues>;
  onRemove: () => void;
}) {
  const { index: i, control, register } = props;
  const entry = useWatch({ control, name: `registries.${i}` });
  const [hostNote, setHostNote] = useState<string>();
  const errors = props.errors.registries?.[i];
  const heading = props.count > 1 ? `Registry ${i + 1}` : "Registry";
  // a row whose address is still the stored one can keep (or, cloning, copy) its stored password
  const stored = entry.stored !== undefined && entryAddress(entry) === entryAddress(presetOf(entry.stored));
  const passwordHelp =
    props.mode === "edit" && stored
      ? "Leave empty to keep the stored password."
      : props.mode === "clone" && stored
        ? "Leave empty to copy the password of the registry you clone: it is copied on the server and never sent to the browser."
        : undefined;

  const testRequest = (): CredentialTestRequest => {
    if (entry.password === "" && stored && props.source && entry.stored) return { kind: "stored", ref: props.source, address: entry.stored };
    return { kind: "typed", input: { address: entryAddress(entry), username: entry.username, password: entry.password } };
  };

  return (
    <fieldset className="reg-entry">
      <legend>{heading}</legend>
      <fieldset className="reg-radios" aria-describedby={errors?.preset ? `preset-error-${i}` : undefined}>
        <legend>Address</legend>
        {ADDRESS_PRESETS.map((preset) => (
          <label key={preset} className="radio">
            <input type="radio" value={preset} {...register(`registries.${i}.preset`)} /> {preset}
          </label>
        ))}
        {errors?.preset?.message && (
          <div id={`preset-error-${i}`} className="field__error" role="alert">
            {errors.preset.message}
          </div>
        )}
      </fieldset>
      {needsHost(entry.preset) && (
        <Field label={hostLabel(entry.preset)} help={hostNote ? <span className="reg-note">{hostNote}</span> : HOST_HELP} error={errors?.host?.message}>
          <input
            className="input"
            autoComplete="off"
            spellCheck={false}
            placeholder={entry.preset === "Artifactory" ? "e.g. mycompany.jfrog.io" : "e.g. registry.example.com:5000"}
            {...register(`registries.${i}.host`, {
              onChange: (e: React.ChangeEvent<HTMLInputElement>) => {
                const { host, note } = stripProtocol(e.target.value);
                if (note) {
                  props.setValue(`registries.${i}.host`, host, { shouldDirty: true });
                  setHostNote(`${note} ${HOST_HELP}.`);
                }
              },
            })}
          />
        </Field>
      )}
      <div className="reg-entry__credentials">
        <Field label="Username" error={errors?.username?.message}>
          <input className="input" autoComplete="off" spellCheck={false} {...register(`registries.${i}.username`)} />
        </Field>
        <PasswordField label="Password" help={passwordHelp} error={errors?.password?.message} registration={register(`registries.${i}.password`)} />
      </div>
      <div className="reg-entry__actions">
        <CredentialTestButton cluster={props.cluster} project={props.project} request={testRequest} />
        {props.count > 1 && (
          <button type="button" className="btn btn--link reg-entry__remove" aria-label={`Remove registry ${i + 1}`} onClick={props.onRemove}>
            Remove
          </button>
        )}
      </div>
    </fieldset>
  );
}
